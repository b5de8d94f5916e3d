// What a page that nobody has set up yet looks like: the schema's defaults for every setting an owner can change.

export const BLANK_PAGE_SETTINGS = {
  name: "",
  url: "",
  timeZone: "Etc/UTC",
  brandColor: "#2563eb",
  logoUrl: null,
  faviconUrl: null,
  companyUrl: null,
  supportUrl: null,
  contactEmail: null,
  twitter: null,
  privacyUrl: null,
  footerText: null,
  description: null,
} as const;
