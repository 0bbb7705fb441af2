import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Native addon and the one metrics registry must be loaded by Node, not bundled per route.
  serverExternalPackages: ['better-sqlite3', 'prom-client', 'pg', 'mysql2'],
  poweredByHeader: false,
};

export default nextConfig;
