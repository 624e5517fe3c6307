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

pid, fd = session()
read_until(fd, "\x1b[1;36mloupe>\x1b[0m ")
os.write(fd, b"nonsense\n")
read_until(fd, "\x1b[31merror: unknown command")
read_until(fd, "loupe>")
os.write(fd, b"expo\t")
read_until(fd, "rts")
os.write(fd, b"\n")
read_until(fd, "spin: func()")
os.write(fd, b"sp\t")
read_until(fd, "in")
os.write(fd, b"(\t")
read_until(fd, "(no parameters)")
os.write(fd, b")\n")
time.sleep(0.5)
os.write(fd, b"\x03")
read_until(fd, "interrupted")
read_until(fd, "loupe>")
os.write(fd, b"start\n")
read_until(fd, "loupe>")
os.write(fd, b"continue\n")
read_until(fd, "instantiated")
os.write(fd, b"one()\n")
read_until(fd, "\x1b[1m1\x1b[0m\r\n")
# A core breakpoint: the call stops and the prompt names the function; Ctrl-C still
# interrupts a call that runs on the debugger's thread.
os.write(fd, b"break one\n")
read_until(fd, "breakpoint 1")
os.write(fd, b"one()\n")
read_until(fd, "breakpoint 1 hit in one")
read_until(fd, "loupe [one]>")
os.write(fd, b"continue\n")
read_until(fd, "\x1b[1m1\x1b[0m\r\n")
read_until(fd, "loupe>")
os.write(fd, b"start\n")
read_until(fd, "loupe>")
os.write(fd, b"finish\n")
read_until(fd, "instantiated")
os.write(fd, b"spin()\n")
time.sleep(0.5)
os.write(fd, b"\x03")
read_until(fd, "interrupted")
read_until(fd, "loupe>")
os.write(fd, b"start\n")
read_until(fd, "loupe>")
os.write(fd, b"finish\n")
read_until(fd, "instantiated")
os.write(fd, b"delete\n")
read_until(fd, "deleted 1 breakpoint")
read_until(fd, "loupe>")
os.write(fd, b"one()\n")
read_until(fd, "\x1b[1m1\x1b[0m\r\n")
# The full-screen view: its title, a command's output in it, and back to the prompt.
os.write(fd, b"tui\n")
read_until(fd, "loupe \u2014 spin.wat \u2014 instantiated")
os.write(fd, b"one()\n")
read_until(fd, "> one()")
os.write(fd, b"quit\n")
read_until(fd, "loupe>")
os.write(fd, b"one()\n")
read_until(fd, "\x1b[1m1\x1b[0m\r\n")
finish(pid, fd)

pid, fd = session(no_color=True)
read_until(fd, "loupe> ")
os.write(fd, b"\x1b[A")
read_until(fd, "one()")
os.write(fd, b"\n")
plain = read_until(fd, "1\r\n")
os.write(fd, b"one(\n")
plain += read_until(fd, "...> ")
os.write(fd, b")\n")
plain += read_until(fd, "1\r\n")
os.write(fd, b"nonsense\n")
plain += read_until(fd, "error: unknown command")
if "\x1b[" in plain.replace("\x1b[A", ""):
    failures.append(f"NO_COLOR should leave the output plain, got {plain!r}")
finish(pid, fd)

for f in failures:
    print("FAIL", f)
sys.exit(1 if failures else 0)
