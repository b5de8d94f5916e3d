import "server-only";
import { ImageResponse } from "next/og";
import { getPage } from "@/server/queries/public-status";
import { brandColour } from "@/lib/brand-mark";
import { handlePublic } from "@/server/api/json-response";
import { BRAND_MARK_CHECK, brandMarkSvg } from "@/lib/brand-mark";

const ICON_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";
const pngs = new Map<string, Promise<Uint8Array>>();

/** The mark as a PNG; a touch icon fills its square, since iOS rounds the corners itself. */
function brandMarkPng(colour: string, size: number, square: boolean): Promise<Uint8Array> {
  const key = `${colour}:${size}:${square}`;
  let png = pngs.get(key);
  if (!png) {
    const mark = (
      <div
        style={{
          width: size,
          height: size,
          display: "flex",
          alignItems: "center",
          justifyContent: "center",
          background: colour,
          borderRadius: square ? 0 : size / 2,
        }}
      >
        <svg width={size * 0.7} height={size * 0.7} viewBox="4 4 24 24">
          <path
            d={BRAND_MARK_CHECK}
            fill="none"
            stroke="#fff"
            strokeWidth={3.5}
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </div>
    );
    png = new ImageResponse(mark, { width: size, height: size }).arrayBuffer().then((buffer) => new Uint8Array(buffer));
    pngs.set(key, png);
    png.catch(() => pngs.delete(key));
  }
  return png;
}

/** An ICO file holding one PNG image, as every current browser reads it. */
function icoFromPng(png: Uint8Array, size: number): Uint8Array {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size % 256, 6);
  header.writeUInt8(size % 256, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // the image follows this header
  return Buffer.concat([header, png]);
}

function binary(body: Uint8Array, contentType: string): Response {
  return new Response(Buffer.from(body), {
    headers: { "Content-Type": contentType, "Cache-Control": ICON_CACHE_CONTROL },
  });
}

export function brandIconResponse(kind: "favicon" | "svg" | "apple-touch" | "large"): Promise<Response> {
  return handlePublic(async () => {
    const colour = brandColour(await getPage());
    if (kind === "svg")
      return new Response(brandMarkSvg(colour), {
        headers: { "Content-Type": "image/svg+xml", "Cache-Control": ICON_CACHE_CONTROL },
      });
    if (kind === "favicon") return binary(icoFromPng(await brandMarkPng(colour, 32, false), 32), "image/x-icon");
    if (kind === "apple-touch") return binary(await brandMarkPng(colour, 180, true), "image/png");
    return binary(await brandMarkPng(colour, 512, false), "image/png");
  });
}
