// Draws the app icons (public/icons/*.png) with nothing but Node: the favicon's light shield on the
// brand colour. Run `npx tsx scripts/make-icons.ts` after changing it;
// the PNGs are committed. "maskable" icons keep the drawing inside the central safe zone.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BRAND = [0x19, 0x5a, 0x55] as const;
const WHITE = [0xee, 0xf6, 0xf5] as const;

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => readonly [number, number, number]) {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0; // no filter
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x, y);
      const o = y * (size * 3 + 1) + 1 + x * 3;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Is (u, v) in 0..1 inside the shield of the favicon? `scale` shrinks it to fit. */
function ink(u: number, v: number, scale: number): boolean {
  // The favicon's shield, drawn on a 32-unit grid: a pointed top, straight sides, a round base.
  const x = ((u - 0.5) / scale + 0.5) * 32;
  const y = ((v - 0.5) / scale + 0.5) * 32 + 0.25;
  const half =
    y < 6
      ? -1
      : y < 10
        ? ((y - 6) * 9) / 4
        : y < 16
          ? 9
          : y < 26.5
            ? 9 * Math.sqrt(1 - ((y - 16) / 10.5) ** 2)
            : -1;
  return Math.abs(x - 16) <= half;
}

function icon(size: number, maskable: boolean) {
  const scale = maskable ? 0.72 : 0.9;
  const samples = 4;
  return png(size, (px, py) => {
    let white = 0;
    for (let i = 0; i < samples; i++) {
      for (let j = 0; j < samples; j++) {
        const u = (px + (i + 0.5) / samples) / size;
        const v = (py + (j + 0.5) / samples) / size;
        if (ink(u, v, scale)) white++;
      }
    }
    const a = white / (samples * samples);
    return [0, 1, 2].map((k) => Math.round(BRAND[k]! * (1 - a) + WHITE[k]! * a)) as unknown as [
      number,
      number,
      number,
    ];
  });
}

const out = new URL("../public/icons/", import.meta.url);
writeFileSync(new URL("icon-192.png", out), icon(192, false));
writeFileSync(new URL("icon-512.png", out), icon(512, false));
writeFileSync(new URL("maskable-512.png", out), icon(512, true));
writeFileSync(new URL("apple-touch-icon.png", out), icon(180, false));
console.log("Wrote public/icons/{icon-192,icon-512,maskable-512,apple-touch-icon}.png");
