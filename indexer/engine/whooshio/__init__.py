"""indexer.engine.whooshio is Whoosh behind one door: every use of Whoosh's internals.

Its codec and writer classes, matchers, storage and files, private attributes and
hand-copied byte layouts are named here and nowhere else in Archivo
(tests/test_whoosh_adapter.py checks), so a Whoosh upgrade is checked in one place:
every door to an index (open_index, create_index) first checks that the installed
Whoosh is the pinned one (pin.py) and refuses with WhooshVersionMismatch if not.
Whoosh's public API (query parser and query classes, fields and schema, stored
fields, collectors, scoring, highlighting) is used where it is needed.
May import Whoosh and indexer.core; the rest of the engine imports it.
"""
from whoosh.codec.whoosh3 import W3Codec, W3TermsReader
from whoosh.idsets import DocIdSet
from whoosh.matching import ListMatcher, Matcher, NullMatcher

from indexer.engine.whooshio.blockwriter import TermWriter
from indexer.engine.whooshio.files import (PreadStorage, PreadSubFile, create_index, folder_of,
                                           open_index)
from indexer.engine.whooshio.layout import (FREQUENCY_ONE, LENGTH_OF_BYTE, NO_IDS, TERM_INFO,
                                            byte_to_length, decode_positions, encode_positions,
                                            length_bytes, length_to_byte, read_postings)
from indexer.engine.whooshio.pin import PINNED_WHOOSH, installed_whoosh, require_pinned_whoosh
from indexer.engine.whooshio.queries import ExpansionHook, wildcard_prefix, wildcard_regex
from indexer.engine.whooshio.writer import RebuildSegmentWriter, merge_segments, segments_of

__all__ = [
    # the version check
    "PINNED_WHOOSH", "installed_whoosh", "require_pinned_whoosh",
    # index folders: opened and created with segment files read by os.pread
    "open_index", "create_index", "folder_of", "PreadStorage", "PreadSubFile",
    "segments_of", "merge_segments",
    # a rebuild's writing: the writer's hooks, whole terms' W3 blocks, term infos
    "RebuildSegmentWriter", "TermWriter", "TERM_INFO", "FREQUENCY_ONE",
    "length_to_byte", "byte_to_length",
    # the codec and matchers a segment's term arrays are served through
    "W3Codec", "W3TermsReader", "ListMatcher", "Matcher", "NullMatcher", "DocIdSet",
    # postings, lengths and positions read as Whoosh lays them out
    "read_postings", "length_bytes", "LENGTH_OF_BYTE", "NO_IDS",
    "encode_positions", "decode_positions",
    # the private expansion of prefix, wildcard and range queries
    "ExpansionHook", "wildcard_regex", "wildcard_prefix",
]
