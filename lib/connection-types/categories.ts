// The catalogue's categories, in the order the Components screen lists them: what B2B integrations
// connect to most. Plain data, safe for client components.

export const connectionCategories = [
  "crm",
  "accounting",
  "files",
  "communication",
  "support",
  "marketing",
  "hr",
  "ecommerce",
  "developer_tools",
  "productivity",
  "data",
  "generic",
] as const;
export type ConnectionCategory = (typeof connectionCategories)[number];

export const categoryLabels: Record<ConnectionCategory, string> = {
  crm: "CRM",
  accounting: "Accounting and finance",
  files: "Files and documents",
  communication: "Communication",
  support: "Customer support",
  marketing: "Marketing",
  hr: "HR and recruiting",
  ecommerce: "E-commerce and payments",
  developer_tools: "Developer tools",
  productivity: "Productivity and projects",
  data: "Data warehouses and databases",
  generic: "Generic",
};
