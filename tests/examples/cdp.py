"""A page in headless chromium driven through the DevTools protocol over a pipe
(--remote-debugging-pipe: the browser reads commands on its fd 3 and writes on
its fd 4, each a JSON object ended by a NUL byte). Python's standard library
only, no network port: real key presses (Input.dispatchKeyEvent, which move
the focus as a person's Tab does), scripts evaluated in the page, emulated
media (dark scheme, print) and printing to PDF.
"""
import base64
import fcntl
import json
import os
import subprocess
import time

# name: (key, code, Windows key code, text it types)
KEYS = {
    "Tab": ("Tab", "Tab", 9, ""),
    "Enter": ("Enter", "Enter", 13, "\r"),
    "Space": (" ", "Space", 32, " "),
    "Escape": ("Escape", "Escape", 27, ""),
}


class Error(Exception):
    pass


def high(fd):
    """fd moved past 9, where the child's 3 and 4 cannot meet it."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


class Page:
    def __init__(self, browser, args, profile, timeout=60):
        cmd_r, self._cmd = os.pipe()   # the browser reads its commands from cmd_r
        self._events, evt_w = os.pipe()  # and writes on evt_w
        cmd_r, evt_w = (high(fd) for fd in (cmd_r, evt_w))
        self._timeout = timeout
        # The two ends become the browser's fds 3 and 4 (dup2 leaves them open across exec;
        # every other descriptor here is close-on-exec).
        self._proc = subprocess.Popen(
            [browser] + list(args) + ["--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
            preexec_fn=lambda: (os.dup2(cmd_r, 3), os.dup2(evt_w, 4)), close_fds=False,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(cmd_r)
        os.close(evt_w)
        self._buf = b""
        self._id = 0
        self._session = None
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable")
        self.send("Emulation.setFocusEmulationEnabled", {"enabled": True})

    def close(self):
        try:
            self._session = None
            self.send("Browser.close")
        except (Error, OSError):
            pass
        os.close(self._cmd)
        os.close(self._events)
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _read(self):
        while b"\0" not in self._buf:
            chunk = os.read(self._events, 1 << 16)
            if not chunk:
                raise Error("the browser closed its end")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None):
        """The result of one command; the events that come before it are dropped."""
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if self._session:
            msg["sessionId"] = self._session
        os.write(self._cmd, json.dumps(msg).encode() + b"\0")
        while True:
            r = self._read()
            if r.get("id") == self._id:
                if "error" in r:
                    raise Error("%s: %s" % (method, r["error"]))
                return r.get("result", {})

    def eval(self, expr):
        """The value of a JavaScript expression in the page (JSON-able)."""
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise Error("%s: %s" % (expr, r["exceptionDetails"]))
        return r["result"].get("value")

    def wait(self, expr):
        """Wait until expr is true in the page (up to the timeout: a wait, not a measure)."""
        end = time.monotonic() + self._timeout
        while not self.eval(expr):
            if time.monotonic() > end:
                raise Error("waited in vain for " + expr)
            time.sleep(0.05)

    def open(self, url, ready):
        self.send("Page.navigate", {"url": url})
        self.wait(ready)

    def press(self, name):
        key, code, vk, text = KEYS[name]
        down = {"type": "keyDown" if text else "rawKeyDown", "key": key, "code": code,
                "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk}
        if text:
            down["text"] = down["unmodifiedText"] = text
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code,
                                             "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk})

    def media(self, media="", features=()):
        self.send("Emulation.setEmulatedMedia",
                  {"media": media, "features": [{"name": n, "value": v} for n, v in features]})

    def pdf(self):
        return base64.b64decode(self.send("Page.printToPDF", {"printBackground": False})["data"])
