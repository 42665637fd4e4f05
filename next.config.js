/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and SSH modules stay outside the bundle; Next loads them from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "ssh2", "@node-rs/argon2"],
  // `npm test` type-checks the whole tree (tsc --noEmit); the build skips it so a first
  // `npm start` is quicker and test-only typing cannot stop the panel from starting.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
