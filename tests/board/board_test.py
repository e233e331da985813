#!/usr/bin/env python3
"""Lafita on an emulated board, as a hall runs it (started by scripts/board-test).

The Debian 12 base root (made by scripts/board-test) gets the .deb's dependencies with apt
(a layer kept in the cache, keyed by the .deb's Depends), then, for this run only, the
.deb itself with apt, the test's guest helpers (tests/board/guest/) and a configuration
with one feed served inside the board. The root becomes an ext4 image that
qemu-system-aarch64 -M virt boots with the root's own kernel and initrd, virtio-gpu as
the screen and no network device. The host talks to the board through an agent on a
virtio-serial port and reads the screen through QMP's screendump.

Each check prints its time; the first failing one ends the run with status 1.
"""

import argparse
import base64
import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
STARTED = time.monotonic()
FEED_URL = "http://127.0.0.1:8080/feed.json"
CONFIG = f"""# The board test's configuration (tests/board/board_test.py).
[feeds.board]
url = "{FEED_URL}"
refresh = 3600
[slides]
min_dwell = 600
max_dwell = 600
transition = "cut"
[status]
metrics = "/var/lib/lafita/lafita.prom"
"""


class Failure(Exception):
    pass


def say(message):
    print(f"board-test [{time.monotonic() - STARTED:6.1f} s] {message}", flush=True)


def check(condition, message):
    if not condition:
        raise Failure(message)
    say("ok: " + message)


def run(*command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


# --- the root file system ---------------------------------------------------------------

@contextlib.contextmanager
def chroot_mounts(root):
    """/proc, /sys, /dev and /dev/pts inside `root` while the block runs (apt and maintainer
    scripts need them; a local .deb needs /dev/pts)."""
    mounted = []
    try:
        for source, target, options in (("proc", "proc", ["-t", "proc"]), ("sysfs", "sys", ["-t", "sysfs"]),
                                        ("/dev", "dev", ["--bind"]), ("devpts", "dev/pts", ["-t", "devpts"])):
            path = os.path.join(root, target)
            os.makedirs(path, exist_ok=True)
            run("mount", *options, source, path)
            mounted.append(path)
        yield
    finally:
        for path in reversed(mounted):
            subprocess.run(["umount", "-l", path], check=False)


def in_chroot(root, command):
    with chroot_mounts(root):
        run("chroot", root, "/bin/sh", "-c", command,
            env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive", "LC_ALL": "C.UTF-8"})


def dependency_layer(base, deb, cache):
    """The base with the .deb's Depends installed by apt (without recommends, as the .deb
    alone must bring what it needs); made once per Depends line."""
    depends = subprocess.run(["dpkg-deb", "-f", deb, "Depends"], check=True, capture_output=True,
                             text=True).stdout.strip()
    key = hashlib.sha256((os.path.basename(base) + "\n" + depends).encode()).hexdigest()[:16]
    layer = os.path.join(cache, f"deps-{key}")
    if os.path.exists(os.path.join(layer, ".done")):
        return layer
    say(f"installing the .deb's dependencies into a copy of the base: {depends}")
    for old in os.listdir(cache):  # a layer for other Depends is not used again
        if old.startswith("deps-"):
            shutil.rmtree(os.path.join(cache, old), ignore_errors=True)
    run("cp", "-a", "--reflink=auto", base, layer)
    quoted = depends.replace("'", "")
    in_chroot(layer, "apt-get update -q && apt-get satisfy -y -q --no-install-recommends "
                     f"'{quoted}' && apt-get clean")
    open(os.path.join(layer, ".done"), "w").close()
    return layer


def install_guest(root, deb):
    """The .deb with apt (its postinst creates the user and enables the unit), the test's
    helpers and the board's configuration."""
    shutil.copy(deb, os.path.join(root, "tmp", "lafita.deb"))
    in_chroot(root, "apt-get install -y -q --no-install-recommends /tmp/lafita.deb && rm /tmp/lafita.deb")
    guest = os.path.join(HERE, "guest")
    for name in ("board-agent", "board-churn"):
        target = os.path.join(root, "usr/local/sbin", name)
        shutil.copy(os.path.join(guest, name), target)
        os.chmod(target, 0o755)
    for name in ("board-agent.service", "board-feed.service", "board-churn.service"):
        shutil.copy(os.path.join(guest, name), os.path.join(root, "etc/systemd/system", name))
    wants = os.path.join(root, "etc/systemd/system/sysinit.target.wants")
    os.makedirs(wants, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(os.path.join(wants, "board-agent.service"))
    os.symlink("/etc/systemd/system/board-agent.service", os.path.join(wants, "board-agent.service"))
    os.makedirs(os.path.join(root, "srv/feed"), exist_ok=True)
    os.makedirs(os.path.join(root, "usr/local/share/board"), exist_ok=True)
    shutil.copy(os.path.join(HERE, "..", "..", "samples", "sample_feed.json"),
                os.path.join(root, "usr/local/share/board/feed.json"))
    with open(os.path.join(root, "etc/lafita/lafita.toml"), "w") as config:
        config.write(CONFIG)


def make_image(arch, base, deb, cache, work):
    """The board's disk (ext4, made from the root directory) and its kernel and initrd."""
    layer = dependency_layer(base, deb, cache)
    root = os.path.join(work, "root")
    upper, scratch = os.path.join(work, "upper"), os.path.join(work, "overlay-work")
    for path in (root, upper, scratch):
        os.makedirs(path)
    run("mount", "-t", "overlay", "overlay", "-o", f"lowerdir={layer},upperdir={upper},workdir={scratch}", root)
    try:
        install_guest(root, deb)
        boot = os.path.join(root, "boot")
        kernel = sorted(n for n in os.listdir(boot) if n.startswith("vmlinuz-"))[-1]
        initrd = "initrd.img-" + kernel[len("vmlinuz-"):]
        shutil.copy(os.path.join(boot, kernel), os.path.join(work, "vmlinuz"))
        shutil.copy(os.path.join(boot, initrd), os.path.join(work, "initrd.img"))
        image = os.path.join(work, "disk.img")
        run("mkfs.ext4", "-q", "-F", "-L", "board", "-E", "root_owner=0:0", "-d", root, image, "3G")
    finally:
        run("umount", root)
    return image, os.path.join(work, "vmlinuz"), os.path.join(work, "initrd.img")


# --- the board ----------------------------------------------------------------------------

class Board:
    """One boot of the image under qemu-system-aarch64: its QMP and its agent."""

    def __init__(self, work, image, kernel, initrd, boot_number, cmdline="", rtc=None):
        self.work = work
        self.serial = os.path.join(work, f"serial-{boot_number}.log")
        self.qmp_path = os.path.join(work, "qmp.sock")
        self.agent_path = os.path.join(work, "agent.sock")
        for path in (self.qmp_path, self.agent_path):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        command = ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a72", "-smp", "2", "-m", "2048",
                   "-nic", "none", "-device", "virtio-gpu-pci", "-display", "none", "-no-reboot",
                   "-kernel", kernel, "-initrd", initrd,
                   "-append", f"root=/dev/vda ro console=ttyAMA0 rootwait {cmdline}".strip(),
                   "-drive", f"file={image},format=raw,if=virtio",
                   "-serial", f"file:{self.serial}",
                   "-qmp", f"unix:{self.qmp_path},server=on,wait=off",
                   "-chardev", f"socket,id=agent,path={self.agent_path},server=on,wait=off",
                   "-device", "virtio-serial-pci",
                   "-device", "virtserialport,chardev=agent,name=org.lafita.board"]
        if rtc:
            command += ["-rtc", f"base={rtc}"]
        self.started = time.monotonic()
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
        self.qmp = self._connect(self.qmp_path)
        self.qmp_file = self.qmp.makefile("rw")
        self.qmp_file.readline()  # the greeting
        self.command("qmp_capabilities")
        self.agent = self._connect(self.agent_path)
        self.agent_buffer = b""
        self.next_id = 0

    def _connect(self, path):
        deadline = time.monotonic() + 30
        while True:
            try:
                sock = socket.socket(socket.AF_UNIX)
                sock.connect(path)
                return sock
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise Failure(f"QEMU's socket {path} never opened")
                time.sleep(0.2)

    def since_start(self):
        return time.monotonic() - self.started

    def command(self, name, **arguments):
        self.qmp_file.write(json.dumps({"execute": name, "arguments": arguments}) + "\n")
        self.qmp_file.flush()
        while True:
            line = self.qmp_file.readline()
            if not line:
                raise Failure(f"QMP closed during {name}")
            answer = json.loads(line)
            if "return" in answer:
                return answer["return"]
            if "error" in answer:
                raise Failure(f"QMP {name}: {answer['error']}")

    def _agent_line(self, deadline):
        while b"\n" not in self.agent_buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.agent.settimeout(left)
            try:
                data = self.agent.recv(65536)
            except socket.timeout:
                return None
            if not data:
                raise Failure("the board's agent socket closed")
            self.agent_buffer += data
        line, self.agent_buffer = self.agent_buffer.split(b"\n", 1)
        return line.decode()

    def sh(self, command, timeout=60, check_status=True):
        """Runs `command` in the board's shell as root; its output (stdout and stderr)."""
        self.next_id += 1
        ident = str(self.next_id)
        self.agent.settimeout(None)
        self.agent.sendall(f"{ident} {command}\n".encode())
        deadline = time.monotonic() + timeout
        while True:
            line = self._agent_line(deadline)
            if line is None:
                raise Failure(f"no answer from the board within {timeout} s to: {command}")
            parts = line.split(" ", 2)
            if parts[0] == ident:  # answers to commands given up on are skipped
                break
        status = int(parts[1])
        output = base64.b64decode(parts[2] if len(parts) > 2 else "").decode("utf-8", "replace")
        if check_status and status != 0:
            raise Failure(f"on the board, '{command}' failed ({status}): {output}")
        return output

    def wait_for_agent(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.sh("true", timeout=10)
                return
            except Failure:
                if self.process.poll() is not None:
                    break
        raise Failure(f"the board did not come up within {timeout} s (see {self.serial})")

    def wait_until(self, what, predicate, timeout, interval=1.0):
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise Failure(f"{what}: not within {timeout} s")
            time.sleep(interval)

    def screendump(self, path):
        self.command("screendump", filename=path)
        return read_image(path)

    def cut_power(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def wait_for_exit(self, timeout):
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.cut_power()
            raise Failure(f"the board did not power off within {timeout} s")

    def close(self):
        if self.process.poll() is None:
            self.cut_power()


# --- pictures -------------------------------------------------------------------------------

def read_image(path):
    """(width, height, RGB bytes) of any picture ImageMagick reads."""
    ppm = subprocess.run(["convert", path, "-depth", "8", "ppm:-"], check=True, capture_output=True).stdout
    fields, offset = [], 0
    while len(fields) < 4:
        while ppm[offset:offset + 1].isspace():
            offset += 1
        end = offset
        while not ppm[end:end + 1].isspace():
            end += 1
        fields.append(ppm[offset:end])
        offset = end
    return int(fields[1]), int(fields[2]), ppm[offset + 1:]


def difference(a, b):
    """The largest difference of a colour channel (0-255) between two pictures of one size,
    and the share of channels that differ by more than 8."""
    if a[:2] != b[:2]:
        raise Failure(f"pictures of different sizes: {a[:2]} and {b[:2]}")
    largest, over = 0, 0
    for x, y in zip(a[2], b[2]):
        d = abs(x - y)
        largest = max(largest, d)
        over += d > 8
    return largest, over / max(1, len(a[2]))


def scaled_down(image, width, height):
    """`image` made width × height by the area filter the player uses for screen.png: each
    pixel the rounded mean of the source rows [y·H/h, (y+1)·H/h) and columns likewise."""
    source_width, source_height, pixels = image
    out = bytearray(width * height * 3)
    columns = [(x * source_width // width, max(x * source_width // width + 1, (x + 1) * source_width // width))
               for x in range(width)]
    for y in range(height):
        y0 = y * source_height // height
        y1 = max(y0 + 1, (y + 1) * source_height // height)
        rows = [pixels[r * source_width * 3:(r + 1) * source_width * 3] for r in range(y0, y1)]
        for x, (x0, x1) in enumerate(columns):
            count = (y1 - y0) * (x1 - x0)
            for c in range(3):
                total = sum(row[i] for row in rows for i in range(x0 * 3 + c, x1 * 3, 3))
                out[(y * width + x) * 3 + c] = (total + count // 2) // count
    return width, height, bytes(out)


def is_black(image):
    return max(image[2]) < 16


# --- the checks -------------------------------------------------------------------------------

def player_pid(board):
    pid = board.sh("systemctl show -p MainPID --value lafita.service").strip()
    return int(pid) if pid.isdigit() and int(pid) > 0 else None


def active(board):
    return board.sh("systemctl is-active lafita.service", check_status=False).strip() == "active"


def status(board):
    text = board.sh("cat /run/lafita/status.json 2>/dev/null", check_status=False)
    try:
        return json.loads(text)
    except ValueError:
        return None


def journal(board, since_boot=True):
    return board.sh("journalctl -b -u lafita.service -o cat --no-pager" if since_boot
                    else "journalctl -u lafita.service -o cat --no-pager")


def boot(args, work, number, cmdline="", rtc=None):
    board = Board(work, args.image, args.kernel, args.initrd, number, cmdline, rtc)
    board.wait_for_agent(300)
    say(f"boot {number}: the board answers {board.since_start():.0f} s after QEMU started")
    return board


def wait_ready(board, what, timeout=240):
    board.wait_until(what, lambda: active(board) and status(board), timeout)


def fetch_file(board, path, local):
    with open(local, "wb") as f:
        f.write(base64.b64decode(board.sh(f"base64 -w0 {path}")))
    return local


def check_first_boot(args, work):
    # No RTC: the board boots two days behind (a Pi with fake-hwclock's old time).
    behind = time.gmtime(time.time() - 2 * 86400)
    board = boot(args, work, 1, rtc=time.strftime("%Y-%m-%dT%H:%M:%S", behind))
    try:
        wait_ready(board, "the unit becomes active (READY)")
        ready_monotonic = int(board.sh("systemctl show -p ActiveEnterTimestampMonotonic --value lafita.service"))
        check(True, f"the unit is active (READY) {ready_monotonic / 1e6:.1f} s after the kernel started, "
                    f"{board.since_start():.0f} s after QEMU started")
        pid = player_pid(board)
        check(board.sh(f"stat -c %U /proc/{pid}").strip() == "lafita", "the player runs as the lafita user")
        log = journal(board)
        check("on KMSDRM, opengles2" in log, "it draws with SDL's kmsdrm driver and GLES 2: " +
              next((line for line in log.splitlines() if "showing" in line), "?"))

        # The feed comes; its first item replaces the waiting slide at once.
        board.sh("cp /usr/local/share/board/feed.json /srv/feed/feed.json && systemctl start board-feed.service && "
                 "systemctl kill -s USR1 lafita.service")
        board.wait_until("the feed's items on screen", lambda: (status(board) or {}).get("items") == 7 and
                         status(board).get("screen_picture"), 120)
        shown = status(board)
        check(shown["clock_synchronized"] is False and "the header shows no date or time" in journal(board),
              f"the clock two days behind ({board.sh('date -u +%FT%TZ').strip()}) is not trusted: no date in the band")
        clockless = board.screendump(os.path.join(work, "screendump-clockless.ppm"))
        check(not is_black(clockless), "the screen is not black")

        # screen.png against the screendump scaled the same way.
        small = read_image(fetch_file(board, "/run/lafita/screen.png", os.path.join(work, "screen.png")))
        largest, share = difference(small, scaled_down(clockless, small[0], small[1]))
        check(largest <= 8 or share < 0.0005,
              f"screen.png ({small[0]}x{small[1]}) shows what the screen shows: largest difference {largest}/255 "
              f"from the screendump scaled down by area, {share:.4%} of channels over 8/255")

        # NTP answers: the clock is set and synchronised; the date and time appear at once.
        board.sh(f"date -u -s @{int(time.time())} >/dev/null && mkdir -p /run/systemd/timesync && "
                 "touch /run/systemd/timesync/synchronized")
        board.wait_until("the clock trusted", lambda: (status(board) or {}).get("clock_synchronized") is True, 60)
        board.wait_until("the date and time on screen", lambda: board.screendump(
            os.path.join(work, "screendump.ppm"))[2] != clockless[2], 60)
        check("the system clock was set" in journal(board), "the clock set (TFD_TIMER_CANCEL_ON_SET): the band "
                                                            "shows the date and time again")

        # The screen against `lafita snapshot` of the same content at the same size and minute.
        for attempt in range(3):
            minute = board.sh("date -u +%Y-%m-%dT%H:%M:00Z").strip()
            dump = board.screendump(os.path.join(work, "screendump.ppm"))
            if board.sh("date -u +%Y-%m-%dT%H:%M:00Z").strip() == minute:
                break
        width, height = dump[:2]
        index = status(board)["slide"]["index"]
        board.sh(f"rm -rf /tmp/snap && lafita snapshot --config /etc/lafita/lafita.toml --size {width}x{height} "
                 f"--time {minute} --out /tmp/snap >/dev/null", timeout=300)
        snap = read_image(fetch_file(board, f"/tmp/snap/slide-{index + 1:02d}.png", os.path.join(work, "snapshot.png")))
        run("convert", os.path.join(work, "screendump.ppm"), os.path.join(work, "screendump.png"))
        largest, share = difference(dump, snap)
        check(largest <= 8 or share < 0.0005,
              f"the screendump equals `lafita snapshot` of slide {index + 1} at {width}x{height}: largest difference "
              f"{largest}/255, {share:.4%} of channels over 8/255 (screendump.png, snapshot.png in {work})")

        memory = board.sh(f"grep -E 'VmHWM|VmRSS' /proc/{player_pid(board)}/status").split()
        say(f"the player's memory on the board (Mesa softpipe, 1280x800): {' '.join(memory)}")
        check(board.sh("test -s /run/lafita/status.json && test -s /var/lib/lafita/lafita.prom && "
                       "grep -c '^lafita_display_connected 1' /var/lib/lafita/lafita.prom").strip() == "1",
              "status (/run/lafita/status.json) and metrics (/var/lib/lafita/lafita.prom) are written")
        entries = [json.loads(line) for line in board.sh(
            "journalctl -b -u lafita.service -o json --output-fields=PRIORITY,MESSAGE --no-pager").splitlines()]
        levels = {(e.get("PRIORITY"), str(e.get("MESSAGE", ""))[:40]) for e in entries
                  if str(e.get("MESSAGE", "")).startswith("lafita:")}
        check(any(p == "6" and m.startswith("lafita: first frame") for p, m in levels) and
              any(p in ("3", "4") for p, m in levels),
              "journal lines carry priorities: " + "; ".join(sorted(f"<{p}> {m}" for p, m in levels)[:6]))

        # kill -9: systemd starts it again and the picture comes back.
        before = time.monotonic()
        board.sh(f"kill -9 {pid}")
        board.wait_until("a new player after kill -9",
                         lambda: player_pid(board) not in (None, pid) and active(board), 120)
        new_pid = player_pid(board)
        board.wait_until("the picture after kill -9",
                         lambda: (status(board) or {}).get("pid") == new_pid and status(board).get("screen_picture"), 120)
        check(not is_black(board.screendump(os.path.join(work, "after-kill.ppm"))),
              f"kill -9: restarted and drawing again after {time.monotonic() - before:.0f} s")

        # SIGSTOP: the watchdog restarts it.
        before = time.monotonic()
        board.sh(f"kill -STOP {new_pid}")
        board.wait_until("a new player after SIGSTOP (the watchdog)",
                         lambda: player_pid(board) not in (None, new_pid) and active(board), 180, interval=2)
        check("Watchdog timeout" in board.sh("journalctl -b -u lafita.service --no-pager"),
              f"SIGSTOP: the watchdog restarted it after {time.monotonic() - before:.0f} s")
        wait_ready(board, "the player after the watchdog")

        # A clean stop ends with no signal.
        board.sh("systemctl stop lafita.service", timeout=120)
        result = board.sh("systemctl show -p ExecMainCode -p ExecMainStatus -p Result lafita.service")
        check("ExecMainCode=1" in result and "ExecMainStatus=0" in result and "Result=success" in result,
              "systemctl stop: the player exits 0, no signal (" + " ".join(result.split()) + ")")
        # The TV off when the player starts: the GPU's device is unbound (no /dev/dri), then
        # bound again, as a TV switched on comes with a hotplug event.
        gpu = board.sh("basename $(readlink -f /sys/class/drm/card0/device)").strip()
        board.sh(f"echo {gpu} > /sys/bus/pci/drivers/virtio-pci/unbind && systemctl start lafita.service", timeout=120)
        wait_ready(board, "the player without a display")
        waiting = status(board)
        check(waiting["display"] == "none" and board.sh("grep -c '^lafita_display_connected 0' "
                                                        "/var/lib/lafita/lafita.prom").strip() == "1",
              "no display at start: the unit is active, status says display none, lafita_display_connected 0")
        board.sh(f"echo {gpu} > /sys/bus/pci/drivers/virtio-pci/bind")
        before = time.monotonic()
        board.wait_until("the picture once the display is there", lambda: (status(board) or {}).get(
            "display", "none") != "none" and status(board).get("screen_picture"), 60, interval=0.5)
        seconds = time.monotonic() - before
        check(seconds < 30 and not is_black(board.screendump(os.path.join(work, "after-hotplug.ppm"))) and
              journal(board).count("no display yet") == 1,
              f"the display appears: drawing {seconds:.0f} s later (softpipe's first frame included), "
              f"one 'no display yet' line")
        board.sh("systemctl poweroff", check_status=False, timeout=10)
        board.wait_for_exit(180)
        with open(board.serial, errors="replace") as serial:
            tail = serial.read()
        check("lafita.service: Main process exited, code=dumped" not in tail and "code=killed" not in tail.split(
            "Stopping lafita.service")[-1], "power-off: the player stops cleanly")
    except Failure:
        diagnose(board)
        raise
    finally:
        board.close()


def power_cuts(args, work, cuts):
    """Kills QEMU while the player rewrites its cached copy of a feed that changes every
    second; every boot must mount the file system and start from a whole cached copy,
    shown before the feed (not served at boot) could answer."""
    for number in range(cuts + 1):
        board = boot(args, work, 100 + number)
        try:
            wait_ready(board, f"the player after power cut {number}")
            shown = board.wait_until("the first slide", lambda: (status(board) or {}).get("slide", {}).get("title"), 120)
            feed = status(board)["feeds"][0]
            log = journal(board)
            whole = feed["from_cache"] and feed["items"] >= 1 and "showing the copy cached at start" in log and \
                "cached copy" not in log
            if number > 0:
                check(whole and shown.startswith("Churn "),
                      f"power cut {number}: the file system mounted, the cache loaded whole, the first slide is "
                      f"'{shown}' from it (the feed is not served yet)")
            if number == cuts:
                break
            # The feed changes every second and is fetched at once: the cache is rewritten all the time.
            board.sh("systemctl start board-churn.service")
            fetched = set()
            board.wait_until("the cache rewritten three times", lambda: fetched.add(
                (status(board) or {}).get("feeds", [{}])[0].get("content_fetched")) or len(fetched) >= 4, 120, 0.5)
            time.sleep(random.uniform(0, 2))  # a random moment of the rewrites
            board.cut_power()
            say(f"power cut {number + 1} of {cuts} while the cache is rewritten every second")
        except Failure:
            diagnose(board)
            raise
        finally:
            board.close()
    say(f"{cuts} power cuts, no cache lost")


def diagnose(board):
    """What the player said and what its status file holds, when the board still answers."""
    if board.process.poll() is not None:
        return
    for command in ("systemctl status lafita.service --no-pager -n 0", "journalctl -b -u lafita.service -n 80 --no-pager",
                    "cat /run/lafita/status.json"):
        try:
            print(f"--- {command}\n{board.sh(command, timeout=30, check_status=False)}", flush=True)
        except Failure as failure:
            print(f"--- {command}: {failure}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", required=True)
    parser.add_argument("--deb", required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--cuts", type=int, default=20)
    parser.add_argument("--work")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="lafita-board-")
    say(f"work folder {work}")
    try:
        args.image, args.kernel, args.initrd = make_image(args.arch, args.base, args.deb, args.cache, work)
        say("image made")
        check_first_boot(args, work)
        power_cuts(args, work, args.cuts)
    except Failure as failure:
        say(f"FAILED: {failure}")
        return 1
    say("all board checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
