"""A SIGKILLed builder's sub-processes die with it (indexer.core.processes)."""
import os
import signal
import time


def _alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def test_children_of_an_armed_process_die_when_it_is_killed():
    read_fd, write_fd = os.pipe()
    builder = os.fork()
    if builder == 0:                                  # plays `indexer build`
        try:
            from indexer.core import processes
            processes.arm()
            worker = os.fork()                        # plays a Whoosh sub-process
            if worker == 0:
                os.close(read_fd)
                time.sleep(60)                        # blocked, as on its task queue
                os._exit(0)
            os.write(write_fd, f"{worker}\n".encode())
            time.sleep(60)
        finally:
            os._exit(0)
    os.close(write_fd)
    worker = int(os.read(read_fd, 32).decode())
    assert _alive(worker)
    os.kill(builder, signal.SIGKILL)
    os.waitpid(builder, 0)
    deadline = time.monotonic() + 5
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _alive(worker)
    assert os.read(read_fd, 32) == b""                # no one holds the pipe any more
    os.close(read_fd)
