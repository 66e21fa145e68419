import { describe, expect, it } from "vitest";
import {
  MultipartError,
  multipartBoundary,
  parsePartHeaders,
  readMultipart,
} from "~/utils/multipart.server";

// Our multipart reader: any file name is read (and later sanitised), any chunking of the body
// gives the same parts, and a broken body is a MultipartError (answered 400), never a crash.

const enc = new TextEncoder();

async function* chunked(body: Uint8Array, size: number) {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

async function parts(body: Uint8Array, boundary: string, size = body.length) {
  const out: { name: string; filename?: string; contentType: string; data: string }[] = [];
  for await (const part of readMultipart(chunked(body, size), boundary)) {
    const chunks: Uint8Array[] = [];
    for await (const c of part.data) chunks.push(c);
    out.push({ ...part, data: Buffer.concat(chunks).toString("utf8") });
  }
  return out;
}

const B = "XyZ";
const body = enc.encode(
  `preamble\r\n--${B}\r\nContent-Disposition: form-data; name="narrative"\r\n\r\nline one\r\n-- XY not a boundary\r\nstill text\r\n` +
    `--${B}\r\nContent-Disposition: form-data; name="evidence"; filename="a;b=c \\"q\\".pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 \r\n\r\n--${B}--\r\nepilogue`,
);

describe("readMultipart", () => {
  it("gives the same parts however the body is cut into reads", async () => {
    const whole = await parts(body, B);
    expect(whole).toEqual([
      {
        name: "narrative",
        filename: undefined,
        contentType: "text/plain",
        data: `line one\r\n-- XY not a boundary\r\nstill text`,
      },
      {
        name: "evidence",
        filename: 'a;b=c "q".pdf',
        contentType: "application/pdf",
        data: "%PDF-1.4 \r\n",
      },
    ]);
    for (const size of [1, 2, 3, 7, 13]) expect(await parts(body, B, size)).toEqual(whole);
  });

  it("skips a part's data the reader did not read", async () => {
    const names: string[] = [];
    for await (const part of readMultipart(chunked(body, 5), B)) names.push(part.name);
    expect(names).toEqual(["narrative", "evidence"]);
  });

  it("throws a MultipartError for a cut-off or boundary-less body", async () => {
    await expect(parts(body.subarray(0, 120), B)).rejects.toBeInstanceOf(MultipartError);
    await expect(parts(enc.encode("no boundary here"), B)).rejects.toBeInstanceOf(MultipartError);
  });
});

describe("parsePartHeaders", () => {
  it.each([
    ['form-data; name="evidence"; filename="x;y=z.jpg"', "x;y=z.jpg"],
    ['form-data; name="evidence"; filename="say %22hi%22.pdf"', 'say "hi".pdf'],
    ['form-data; name="evidence"; filename="a%0D%0Ab.txt"', "a\r\nb.txt"],
    ['form-data; name="evidence"; filename="he said "no".txt"', 'he said "no".txt'],
    [
      'form-data; name="evidence"; filename="fallback.txt"; filename*=UTF-8\'\'caf%C3%A9.txt',
      "café.txt",
    ],
    ['form-data; name="evidence"; filename="C:\\\\Users\\\\me\\\\photo.jpg"', "photo.jpg"],
    ["form-data; name=evidence; filename=plain.txt", "plain.txt"],
  ])("reads %s", (disposition, filename) => {
    expect(parsePartHeaders(`Content-Disposition: ${disposition}`)).toMatchObject({
      name: "evidence",
      filename,
    });
  });

  it("takes a raw line break inside a header as part of its value", () => {
    expect(
      parsePartHeaders(
        'Content-Disposition: form-data; name="evidence"; filename="two\r\nlines.jpg"\r\nContent-Type: image/jpeg',
      ),
    ).toMatchObject({ filename: "two lines.jpg", contentType: "image/jpeg" });
  });

  it("refuses a part without a disposition or a name", () => {
    expect(() => parsePartHeaders("Content-Type: text/plain")).toThrow(MultipartError);
    expect(() => parsePartHeaders('Content-Disposition: form-data; filename="x"')).toThrow(
      MultipartError,
    );
  });
});

describe("multipartBoundary", () => {
  it("reads the boundary, quoted or not, and nothing else", () => {
    expect(multipartBoundary("multipart/form-data; boundary=----abc")).toBe("----abc");
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("application/json")).toBeNull();
    expect(multipartBoundary("multipart/form-data")).toBeNull();
  });
});
