import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

// Public pages read from the app's own tagged cache (server/cache), so Next renders every request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Status", template: "%s" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
