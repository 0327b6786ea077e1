import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Latchkey", template: "%s · Latchkey" },
  description: "Connections and credentials broker",
};

// The root layout: fonts from the system, React Query and toasts for every page.
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the proxy's script nonce (Content-Security-Policy) exists only
  // then, and a page prerendered at build time would carry scripts without it, which never run.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
        <Toaster />
      </body>
    </html>
  );
}
