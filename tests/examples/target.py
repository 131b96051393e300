"""How the test scripts start a program of the build.

A program built for another system runs through the command in UCLOG_EXE_WRAPPER (wine for
the Windows build, .ci/windows); a script that starts one passes its command line through
command(). Its text on standard output then ends lines as that system's do (CRLF on Windows).
"""
import os
import shlex


def wrapper():
    """The wrapper's words, or [] for a program of this system."""
    return shlex.split(os.environ.get("UCLOG_EXE_WRAPPER", ""))


def command(argv):
    """argv, run through the wrapper when there is one."""
    return wrapper() + list(argv)


def text(b):
    """A program's text output as str, its line ends read as LF when it ran through the wrapper
    (a Windows program's text streams end lines with CRLF)."""
    s = b.decode("utf-8") if isinstance(b, bytes) else b
    return s.replace("\r\n", "\n") if wrapper() else s
