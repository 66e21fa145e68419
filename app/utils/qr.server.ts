import QRCode from "qrcode";

/** An otpauth:// URI as an inline SVG (no script, no outside image: fine under any CSP). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
