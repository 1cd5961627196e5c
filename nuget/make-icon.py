# Draws the package icon: a blue rounded square with a white circular arrow (a call that comes back).
# Run from this folder: python3 make-icon.py (writes icon.png, 128x128 RGBA, no dependencies).
import math, struct, zlib
N = 128
def inside_rounded(x, y, r=22):
    cx = min(max(x, r), N - 1 - r); cy = min(max(y, r), N - 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
rows = []
for y in range(N):
    row = bytearray([0])
    for x in range(N):
        if not inside_rounded(x + .5, y + .5):
            row += bytes([0, 0, 0, 0]); continue
        px = (37, 99, 235, 255)
        dx, dy = x + .5 - 64, y + .5 - 64
        d = math.hypot(dx, dy)
        ang = math.degrees(math.atan2(dy, dx)) % 360
        # The ring is open between 300 and 20 degrees (screen angles, clockwise from 3 o'clock).
        if 30 <= d <= 42 and not (300 < ang < 360 or ang < 20):
            px = (255, 255, 255, 255)
        # The arrow head sits on the ring's end at 300 degrees and points along the ring.
        a = math.radians(300); hx, hy = 64 + 36 * math.cos(a), 64 + 36 * math.sin(a)
        tx, ty = -math.sin(a), math.cos(a)   # tangent (clockwise direction in screen coords)
        nx, ny = math.cos(a), math.sin(a)    # normal
        u = (x + .5 - hx) * (-tx) + (y + .5 - hy) * (-ty)   # distance ahead along -tangent
        v = (x + .5 - hx) * nx + (y + .5 - hy) * ny
        if 0 <= u <= 20 and abs(v) <= (20 - u) * 0.9:
            px = (255, 255, 255, 255)
        row += bytes(px)
    rows.append(bytes(row))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', N, N, 8, 6, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
open('icon.png', 'wb').write(png)
