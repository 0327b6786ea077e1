// The buckets of the expiry timeline, in time order, with their words for the screens. Kept apart
// from the queries so that the filter schema and the components can import them in any bundle.

export const expiryBucketKeys = ["reauthorize", "expired", "1h", "6h", "24h", "later"] as const;

export type ExpiryBucket = (typeof expiryBucketKeys)[number];

/** label: the timeline's; title: the list page's. */
export const expiryBucketLabels: Record<ExpiryBucket, { label: string; title: string }> = {
  reauthorize: { label: "Re-authorization needed", title: "Connections that need re-authorization (CONNECT again)" },
  expired: { label: "Expired", title: "Connections whose access token has expired" },
  "1h": { label: "Within 1 hour", title: "Connections whose access token expires within the next hour" },
  "6h": { label: "In 1–6 hours", title: "Connections whose access token expires in 1 to 6 hours" },
  "24h": { label: "In 6–24 hours", title: "Connections whose access token expires in 6 to 24 hours" },
  later: { label: "Later", title: "Connections whose access token expires more than 24 hours from now" },
};
