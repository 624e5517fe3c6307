"""Drives `loupe` through a pseudo-terminal: completion of a command, an export and an
argument placeholder, Ctrl-C interrupting an endless call (also on the debugger's thread),
the prompt of a call stopped at a breakpoint, the full-screen view, history across sessions, EOF,
colour on a terminal (red errors, bold values) and none with NO_COLOR, a `...> `
continuation while a parenthesis is open.
Usage: terminal_session.py LOUPE SPIN_WAT HOME. Prints FAIL lines and exits 1 on failure."""
import os, pty, select, sys, time

loupe, spin, home = sys.argv[1:4]
failures = []

def session(no_color=False):
    global pending
    pending = ""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["HOME"] = home
        os.environ["TERM"] = "xterm"
        os.environ.pop("NO_COLOR", None)
        if no_color:
            os.environ["NO_COLOR"] = "1"
        os.execv(loupe, [loupe, spin])
    return pid, fd

pending = ""

def read_until(fd, text, timeout=5):
    """Waits for `text`; consumes the output up to its end, keeping what follows."""
    global pending
    end = time.time() + timeout
    while time.time() < end and text not in pending:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                pending += os.read(fd, 4096).decode(errors="replace")
            except OSError:
                break
    if os.environ.get("VERBOSE"):
        print(repr(pending))
    if text not in pending:
        failures.append(f"expected {text!r}, got {pending!r}")
        pending = ""
        return ""
    end = pending.index(text) + len(text)
    consumed, pending = pending[:end], pending[end:]
    return consumed

def finish(pid, fd):
    # NB: give libedit time to put the terminal back in raw mode, or ^D is lost.
    time.sleep(0.3)
    os.write(fd, b"\x04")
    end = time.time() + 5
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done or time.time() > end:
            break
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                os.read(fd, 4096)
            except OSError:
                pass
    if not done:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        failures.append("EOF did not end the session")
    elif status != 0:
        failures.append(f"EOF should exit 0, got status {status}")

def exchange(fd, typed, *expected):
    """Types `typed` (bytes, sent as they are) and waits for each expected text in turn."""
    os.write(fd, typed)
    return "".join(read_until(fd, e) for e in expected)

def interrupt(fd, call):
    """Starts an endless call, Ctrl-C after half a second, and expects the session back."""
    os.write(fd, call)
    time.sleep(0.5)
    exchange(fd, b"\x03", "interrupted", "loupe>")

VALUE_ONE = "\x1b[1m1\x1b[0m\r\n"

pid, fd = session()
read_until(fd, "\x1b[1;36mloupe>\x1b[0m ")
exchange(fd, b"nonsense\n", "\x1b[31merror: unknown command", "loupe>")
exchange(fd, b"expo\t", "rts")
exchange(fd, b"\n", "spin: func()")
exchange(fd, b"sp\t", "in")
exchange(fd, b"(\t", "(no parameters)")
interrupt(fd, b")\n")
exchange(fd, b"start\n", "loupe>")
exchange(fd, b"continue\n", "instantiated")
exchange(fd, b"one()\n", VALUE_ONE)
# A core breakpoint: the call stops and the prompt names the function; Ctrl-C still
# interrupts a call that runs on the debugger's thread.
exchange(fd, b"break one\n", "breakpoint 1")
exchange(fd, b"one()\n", "breakpoint 1 hit in one", "loupe [one]>")
exchange(fd, b"continue\n", VALUE_ONE, "loupe>")
exchange(fd, b"start\n", "loupe>")
exchange(fd, b"finish\n", "instantiated")
interrupt(fd, b"spin()\n")
exchange(fd, b"start\n", "loupe>")
exchange(fd, b"finish\n", "instantiated")
exchange(fd, b"delete\n", "deleted 1 breakpoint", "loupe>")
exchange(fd, b"one()\n", VALUE_ONE)
# The full-screen view: its title, a command's output in it, and back to the prompt.
exchange(fd, b"tui\n", "loupe \u2014 spin.wat \u2014 instantiated")
exchange(fd, b"one()\n", "> one()")
exchange(fd, b"quit\n", "loupe>")
exchange(fd, b"one()\n", VALUE_ONE)
finish(pid, fd)

pid, fd = session(no_color=True)
read_until(fd, "loupe> ")
exchange(fd, b"\x1b[A", "one()")
plain = exchange(fd, b"\n", "1\r\n")
plain += exchange(fd, b"one(\n", "...> ")
plain += exchange(fd, b")\n", "1\r\n")
plain += exchange(fd, b"nonsense\n", "error: unknown command")
if "\x1b[" in plain.replace("\x1b[A", ""):
    failures.append(f"NO_COLOR should leave the output plain, got {plain!r}")
finish(pid, fd)

for f in failures:
    print("FAIL", f)
sys.exit(1 if failures else 0)
