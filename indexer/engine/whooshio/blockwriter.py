"""Whoosh 3 posting lists written a whole term at a time (for indexer.engine.fastwriter).

A rebuild's segment holds tens of thousands of terms, most with a posting or
two, so the per-term cost dominates: through W3FieldWriter and W3PostingsWriter
each term takes some thirty Python calls (start_term, start_postings,
add_posting per posting, _write_block, add_block, the _mini_* helpers,
finish_postings, finish_term...). write_term does the same work inline. Every
byte follows whoosh.codec.whoosh3 (W3PostingsWriter._write_block, W3TermInfo):
tests/test_fastwriter.py compares the files with those of Whoosh's own writer.
"""
from __future__ import annotations

import zlib
from array import array
from operator import sub
from pickle import dumps

from whoosh.codec.whoosh3 import (COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC,
                                  W3PostingsWriter, W3TermInfo)
from whoosh.filedb.filetables import _lengths
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import length_to_byte


class TermWriter:
    """Writes the terms of one field: postings to the .pst file, term infos to the .trm
    table, through the open files of a W3FieldWriter between start_field/finish_field."""

    def __init__(self, fieldwriter, codec, fieldobj):
        if codec._inlinelimit > 1:      # inlined postings are not written here
            raise ValueError("inlined postings are not supported")
        self.fieldwriter = fieldwriter
        self.postfile = fieldwriter._postfile
        self.tindex = fieldwriter._tindex
        self.prefix = pack_ushort(fieldwriter._fieldid)
        self.limit = codec._blocklimit
        self.compression = codec._compression
        self.fixedsize = fieldobj.format.fixed_value_size()
        self.codec = codec

    def write_term(self, tbytes: bytes, docs: list, weights: list, values: list,
                   lengths: dict) -> None:
        """One term's postings (docnums ascending; values: the non-empty ones only);
        lengths: docnum -> the field's length as Whoosh's length column gives it back."""
        if values and len(values) != len(docs):     # some empty, some not: no slicing
            raise ValueError("mixed empty and non-empty posting values")
        postfile, limit, terminfo = self.postfile, self.limit, W3TermInfo()
        start = postfile.tell()
        postfile.write(WHOOSH3_HEADER_MAGIC)
        total = len(docs)
        for first in range(0, total, limit):
            end = first + limit
            self._write_block(terminfo, docs[first:end], weights[first:end],
                              values[first:end], lengths, last=end >= total)
        terminfo.set_extent(start, postfile.tell() - start)
        self.tindex.add(self.prefix + tbytes, terminfo.to_bytes())

    def write_infos(self, terms: list[bytes], infos: list[bytes]) -> None:
        """Only the terms' entries in the term table (each W3TermInfo's bytes): their
        postings are kept elsewhere (indexer.engine.arraycodec)."""
        # OrderedHashWriter.add's work, inline and with one write: it asked the file for
        # its position twice a term (a system call each, 5% of an import's process).
        tindex, prefix = self.tindex, self.prefix
        hashfn, buckets, index, last = tindex.hashfn, tindex.buckets, tindex.index, tindex.lastkey
        pos = tindex.dbfile.tell()
        records = []
        for tbytes, info in zip(terms, infos):
            key = prefix + tbytes
            if key <= last:
                raise ValueError(f"Keys must increase: {last!r}..{key!r}")
            index.append(pos)
            h = hashfn(key)
            buckets[h & 255].append((h, pos))
            record = _lengths.pack(len(key), len(info)) + key + info
            records.append(record)
            pos += len(record)
            last = key
        tindex.dbfile.write(b"".join(records))
        tindex.lastkey = last

    def _write_block(self, terminfo, ids, weights, values, lengths, last) -> None:
        found = [n for n in map(lengths.get, ids) if n] if lengths else ()
        minlength = min(found) if found else None
        maxlength = max(found) if found else 0
        top = max(weights)
        maxweight = top if top > 0 else 0
        stored_weights = array("f", weights)
        # W3TermInfo.add_block
        terminfo._weight += sum(stored_weights)
        terminfo._df += len(ids)
        if terminfo._minlength is None:
            terminfo._minlength = minlength
        else:
            terminfo._minlength = min(terminfo._minlength, minlength)
        terminfo._maxlength = max(terminfo._maxlength, maxlength)
        terminfo._maxweight = max(terminfo._maxweight, maxweight)
        if terminfo._minid is None:
            terminfo._minid = ids[0]
        terminfo._maxid = ids[-1]
        # W3PostingsWriter._mini_ids, _mini_weights, _mini_values
        mini_ids = (ids[0],) + tuple(map(sub, ids[1:], ids))
        if stored_weights.count(stored_weights[0]) == len(stored_weights):
            mini_weights = None if stored_weights[0] == 1.0 else stored_weights[0]
        else:
            mini_weights = tuple(stored_weights)
        fixedsize = self.fixedsize
        if fixedsize is None or fixedsize < 0:
            mini_values = tuple(values)
        elif fixedsize == 0:
            mini_values = None
        else:
            mini_values = b"".join(values)
        databytes = dumps((mini_ids, mini_weights, mini_values), 2)
        comp = self.compression if len(databytes) >= COMPRESSION_MIN_SIZE else 0
        if comp:
            databytes = zlib.compress(databytes, comp)
        infobytes = dumps((len(ids), ids[-1], maxweight, comp, length_to_byte(minlength),
                           length_to_byte(maxlength)), 2)
        blocklength = len(infobytes) + len(databytes)
        postfile = self.postfile
        postfile.write(pack_int(-blocklength if last else blocklength))
        postfile.write(infobytes)
        postfile.write(databytes)

    def write_sorted_postings(self, tbytes: bytes, postings: list, lengths: dict) -> None:
        """(docnum, weight, value) postings in the pool's order, through Whoosh's own
        writer one by one (the spelling postings: a few, all under docnum 0)."""
        fieldwriter = self.fieldwriter
        fieldwriter._postwriter = W3PostingsWriter(
            self.postfile, self.limit, compression=self.compression,
            inlinelimit=self.codec._inlinelimit)
        fieldwriter.start_term(tbytes)
        for docnum, weight, value in postings:
            fieldwriter.add(docnum, weight, value or b"", lengths.get(docnum) or None)
        fieldwriter.finish_term()
