// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Every screen is per user and per tenant; nothing is worth prerendering, and Cache Components
  // would force each session read under <Suspense>. Plain dynamic rendering is simpler and honest.
  cacheComponents: false,
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer", "oidc-provider"],
  poweredByHeader: false,
  experimental: {
    // `forbidden()` answers a page a role may not see with app/forbidden.tsx and status 403.
    authInterrupts: true,
    // Server action bodies are read under this cap (413 past it); forms send small JSON.
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return [
      {
        // Embedded screens (a later issue) set their own frame-ancestors; everything else refuses framing.
        // The OAuth routes set their own, stricter headers (no referrer: their URLs carry codes).
        source: "/((?!embedded|api/oauth/).*)",
        headers: [
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      {
        // The page an e-mailed link opens carries a capability in its path: never send it onwards.
        source: "/authorize/:token*",
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      },
    ];
  },
};

module.exports = nextConfig;
