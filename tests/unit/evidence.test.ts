import { describe, expect, it } from "vitest";
import {
  checkEvidenceType,
  sanitiseFileName,
  sniffEvidenceType,
  exifOrientation,
  stripJpegMetadata,
  stripPngMetadata,
  stripWebpMetadata,
} from "~/domain/evidence";
import {
  containsBytes,
  EML_BYTES,
  GPS_LATITUDE_MARK,
  HTML_BYTES,
  jpegWithGps,
  PDF_BYTES,
} from "../fixtures/evidence-files";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)),
  );

describe("sniffEvidenceType", () => {
  it.each([
    ["image/jpeg", jpegWithGps()],
    ["image/png", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ["image/gif", bytes("GIF89a", [1, 0])],
    ["image/webp", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 ")],
    ["audio/wav", bytes("RIFF", [0, 0, 0, 0], "WAVEfmt ")],
    ["application/pdf", PDF_BYTES],
    ["audio/mpeg", bytes("ID3", [4, 0, 0])],
    ["audio/mpeg", bytes([0xff, 0xfb, 0x90, 0x64])],
    ["audio/mp4", bytes([0, 0, 0, 0x20], "ftypM4A ", [0, 0, 0, 0])],
    ["image/heic", bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0])],
    ["audio/ogg", bytes("OggS", [0, 2])],
    ["text/plain", bytes("He said I was useless.\nTwice — in front of everyone.")],
    ["message/rfc822", EML_BYTES],
  ])("recognises %s", (mime, head) => {
    expect(sniffEvidenceType(head)).toBe(mime);
  });

  it("refuses HTML, executables and binary noise", () => {
    expect(sniffEvidenceType(HTML_BYTES)).toBeNull();
    expect(sniffEvidenceType(bytes("MZ", [0x90, 0, 3, 0]))).toBeNull();
    expect(sniffEvidenceType(bytes([0, 1, 2, 3, 4, 5]))).toBeNull();
    expect(sniffEvidenceType(bytes([0, 0, 0, 0x18], "ftypisom"))).toBeNull();
  });

  it("accepts UTF-8 text cut in the middle of a character", () => {
    const text = new TextEncoder().encode("café ".repeat(1000));
    expect(sniffEvidenceType(text.subarray(0, 4095))).toBe("text/plain");
  });
});

describe("checkEvidenceType", () => {
  it("refuses a file whose name says one thing and whose bytes say another", () => {
    expect(checkEvidenceType("photo.jpg", HTML_BYTES)).toMatchObject({ ok: false });
    expect(checkEvidenceType("letter.pdf", jpegWithGps())).toMatchObject({ ok: false });
    const heic = new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode("ftypheic"), 0, 0]);
    expect(checkEvidenceType("IMG_1.HEIC", heic)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/location we cannot remove/),
    });
    expect(checkEvidenceType("x.png", new Uint8Array())).toEqual({
      ok: false,
      message: '"x.png" is empty.',
    });
  });
  it("accepts matching files, and a .txt with mail headers as text", () => {
    expect(checkEvidenceType("photo.JPG", jpegWithGps())).toEqual({
      ok: true,
      mimeType: "image/jpeg",
    });
    expect(checkEvidenceType("mail.eml", EML_BYTES)).toEqual({
      ok: true,
      mimeType: "message/rfc822",
    });
    expect(checkEvidenceType("mail.txt", EML_BYTES)).toEqual({ ok: true, mimeType: "text/plain" });
  });
});

describe("stripJpegMetadata", () => {
  it("removes the EXIF segment with its GPS position and keeps the image", () => {
    const jpeg = jpegWithGps();
    const stripped = stripJpegMetadata(jpeg)!;
    expect(containsBytes(stripped, GPS_LATITUDE_MARK)).toBe(false);
    expect(containsBytes(stripped, bytes("Exif"))).toBe(false);
    expect(stripped.subarray(stripped.length - 2)).toEqual(new Uint8Array([0xff, 0xd9]));
    expect(containsBytes(stripped, bytes("JFIF"))).toBe(true);
    expect(stripJpegMetadata(stripped)).toEqual(stripped);
  });
  it("keeps the orientation of a photo taken upright, and nothing else of its EXIF", () => {
    const jpeg = jpegWithGps({ orientation: 6 });
    expect(exifOrientation(jpeg.subarray(24))).toBe(6); // the APP1 payload, after SOI and APP0
    const stripped = stripJpegMetadata(jpeg)!;
    expect(containsBytes(stripped, GPS_LATITUDE_MARK)).toBe(false);
    expect(containsBytes(stripped, [0x88, 0x25])).toBe(false); // no GPSInfo pointer
    const app1 = stripped.indexOf(0xe1, 2) - 1;
    expect(stripped[app1]).toBe(0xff);
    const length = (stripped[app1 + 2] << 8) | stripped[app1 + 3];
    expect(exifOrientation(stripped.subarray(app1 + 4, app1 + 2 + length))).toBe(6);
    expect(stripJpegMetadata(stripped)).toEqual(stripped);
  });
  it("reads orientation in either byte order and ignores upright or broken values", () => {
    const segment = (order: "II" | "MM", value: number) => {
      const le = order === "II";
      const u16 = (n: number) => (le ? [n & 0xff, n >> 8] : [n >> 8, n & 0xff]);
      const u32 = (n: number) => (le ? [...u16(n), 0, 0] : [0, 0, ...u16(n)]);
      return bytes([
        ...[0x45, 0x78, 0x69, 0x66, 0, 0],
        ...(le ? [0x49, 0x49] : [0x4d, 0x4d]),
        ...u16(42),
        ...u32(8),
        ...u16(1),
        ...u16(0x0112),
        ...u16(3),
        ...u32(1),
        ...u16(value),
        0,
        0,
        ...u32(0),
      ]);
    };
    expect(exifOrientation(segment("II", 8))).toBe(8);
    expect(exifOrientation(segment("MM", 3))).toBe(3);
    expect(exifOrientation(segment("II", 1))).toBeNull();
    expect(exifOrientation(segment("MM", 42))).toBeNull();
    expect(exifOrientation(segment("MM", 6).subarray(0, 20))).toBeNull();
    expect(exifOrientation(bytes("http://ns.adobe.com/xap/1.0/\0"))).toBeNull();
  });
  it("answers null (refuse) for a malformed JPEG, never the file with its GPS", () => {
    expect(stripJpegMetadata(bytes([0xff, 0xd8, 0x00, 0x01, 0x02]))).toBeNull();
    const good = jpegWithGps();
    // Cut off inside the scan, before its end marker.
    expect(stripJpegMetadata(good.subarray(0, good.length - 3))).toBeNull();
    // A segment whose length runs past the end of the file.
    const app1 = good.indexOf(0xe1, 2) - 1;
    const broken = good.slice();
    broken[app1 + 2] = 0xff;
    expect(stripJpegMetadata(broken)).toBeNull();
    // Garbage where a marker must be, after the GPS segment.
    const garbage = good.slice();
    const afterApp1 = app1 + 2 + ((good[app1 + 2] << 8) | good[app1 + 3]);
    garbage[afterApp1] = 0x00;
    expect(containsBytes(garbage, GPS_LATITUDE_MARK)).toBe(true);
    expect(stripJpegMetadata(garbage)).toBeNull();
    expect(stripJpegMetadata(bytes("not a jpeg at all"))).toBeNull();
  });
  it("removes EXIF placed after a scan and anything after the end marker", () => {
    const good = jpegWithGps();
    const eoi = good.length - 2;
    const app1 = good.indexOf(0xe1, 2) - 1;
    const app1Length = (good[app1 + 2] << 8) | good[app1 + 3];
    const exifSegment = good.subarray(app1, app1 + 2 + app1Length);
    const sos = good.indexOf(0xda, 2) - 1;
    const secondScan = good.subarray(sos, eoi);
    // SOI … first scan, then an EXIF segment, a second scan, EOI, and a trailer with GPS.
    const crafted = bytes(
      [...good.subarray(0, eoi)],
      [...exifSegment],
      [...secondScan],
      [0xff, 0xd9],
      [...exifSegment],
    );
    const stripped = stripJpegMetadata(crafted)!;
    expect(stripped).not.toBeNull();
    expect(containsBytes(stripped, GPS_LATITUDE_MARK)).toBe(false);
    expect(stripped.subarray(stripped.length - 2)).toEqual(bytes([0xff, 0xd9]));
    expect(containsBytes(stripped, bytes([0xff, 0xda]))).toBe(true);
  });
});

describe("stripPngMetadata", () => {
  const chunk = (type: string, data: number[]) => [
    ...[0, 0, 0, data.length],
    ...new TextEncoder().encode(type),
    ...data,
    ...[1, 2, 3, 4], // checksum (not checked here)
  ];
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const text = (s: string) => [...new TextEncoder().encode(s)];
  const ihdr = chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const idat = chunk("IDAT", [1, 2, 3]);
  const iend = chunk("IEND", []);
  it("drops the eXIf chunk and keeps the others", () => {
    const png = bytes(
      sig,
      ihdr,
      chunk("eXIf", [0x4d, 0x4d, 0, 0x2a, ...GPS_LATITUDE_MARK]),
      idat,
      iend,
    );
    const stripped = stripPngMetadata(png)!;
    expect(containsBytes(stripped, GPS_LATITUDE_MARK)).toBe(false);
    expect(stripped).toEqual(bytes(sig, ihdr, idat, iend));
  });
  it("drops XMP in iTXt, an EXIF profile in zTXt and plain tEXt, and bytes after IEND", () => {
    const xmp = text(
      "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta><exif:GPSLatitude>51,30.0N</exif:GPSLatitude></x:xmpmeta>",
    );
    const rawExif = [...text("Raw profile type exif\0\0"), 0x78, 0x9c, ...GPS_LATITUDE_MARK];
    const comment = text("Comment\0Taken at 51.5074 N, 0.1278 W");
    const png = bytes(
      sig,
      ihdr,
      chunk("iTXt", xmp),
      chunk("zTXt", rawExif),
      chunk("tEXt", comment),
      idat,
      iend,
      text("GPS 51.5074 trailer"),
    );
    const stripped = stripPngMetadata(png)!;
    expect(stripped).toEqual(bytes(sig, ihdr, idat, iend));
    const asText = new TextDecoder("latin1").decode(stripped);
    expect(asText).not.toMatch(/xmp|GPS|51\.5074|exif/i);
  });
  it("answers null (refuse) for a PNG it cannot walk", () => {
    const truncated = bytes(sig, ihdr, chunk("eXIf", [...GPS_LATITUDE_MARK]), idat); // no IEND
    expect(stripPngMetadata(truncated)).toBeNull();
    const overrun = bytes(sig, ihdr, [0, 0, 0x10, 0, ...text("tEXt"), 1, 2], iend);
    expect(stripPngMetadata(overrun)).toBeNull();
    expect(stripPngMetadata(bytes(sig, [0, 0, 0, 1, 0, 0, 0, 0, 9, 1, 2, 3, 4]))).toBeNull();
    expect(stripPngMetadata(bytes("not a png"))).toBeNull();
  });
});

describe("sanitiseFileName", () => {
  it("keeps a readable name without paths or control characters", () => {
    expect(sanitiseFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitiseFileName("C:\\Users\\me\\photo 1.jpg")).toBe("photo 1.jpg");
    expect(sanitiseFileName('a"b<c>\u0000d\u202e.txt')).toBe("abcd.txt");
    expect(sanitiseFileName("...")).toBe("evidence");
  });
});

describe("WebP location metadata", () => {
  function chunk(fourcc: string, data: number[]): number[] {
    const size = data.length;
    const pad = size % 2 ? [0] : [];
    return [
      ...[...fourcc].map((c) => c.charCodeAt(0)),
      size & 0xff,
      (size >> 8) & 0xff,
      (size >> 16) & 0xff,
      (size >> 24) & 0xff,
      ...data,
      ...pad,
    ];
  }
  function webp(chunks: number[][]): Uint8Array {
    const body = [..."WEBP"].map((c) => c.charCodeAt(0)).concat(...chunks);
    const size = body.length;
    return new Uint8Array([
      ...[..."RIFF"].map((c) => c.charCodeAt(0)),
      size & 0xff,
      (size >> 8) & 0xff,
      (size >> 16) & 0xff,
      (size >> 24) & 0xff,
      ...body,
    ]);
  }
  const gps = [..."GPS 51.5074 N, 0.1278 W"].map((c) => c.charCodeAt(0));

  it("removes EXIF and XMP chunks, clears their flags and fixes the RIFF size", () => {
    const input = webp([
      chunk("VP8X", [0x0c, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
      chunk("VP8L", [1, 2, 3, 4, 5]),
      chunk("EXIF", gps),
      chunk("XMP ", [60, 120, 62]),
    ]);
    const out = stripWebpMetadata(input)!;
    const text = String.fromCharCode(...out);
    expect(text).not.toContain("GPS");
    expect(text).not.toContain("EXIF");
    expect(text).toContain("VP8L");
    expect(out[20]).toBe(0); // VP8X flags byte: EXIF (0x08) and XMP (0x04) cleared
    const riffSize = out[4] | (out[5] << 8) | (out[6] << 16) | (out[7] << 24);
    expect(riffSize).toBe(out.length - 8);
  });

  it("answers null (refuse) for something that is not a well-formed WebP", () => {
    const notWebp = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(stripWebpMetadata(notWebp)).toBeNull();
    const overrun = webp([chunk("VP8L", [1, 2, 3, 4, 5]), chunk("EXIF", gps)]).slice(0, -4);
    expect(stripWebpMetadata(overrun)).toBeNull();
  });
});
