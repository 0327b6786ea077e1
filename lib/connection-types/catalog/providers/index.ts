import type { ConnectionTypeInput } from "@/lib/connection-types/definition";
import { accountingTypes } from "./accounting";
import { communicationTypes } from "./communication";
import { crmTypes } from "./crm";
import { dataTypes } from "./data";
import { developerToolTypes } from "./developer-tools";
import { ecommerceTypes } from "./ecommerce";
import { fileTypes } from "./files";
import { hrTypes } from "./hr";
import { marketingTypes } from "./marketing";
import { productivityTypes } from "./productivity";
import { supportTypes } from "./support";

// The catalogue beyond the first ten providers, one file per category.

export const catalogueTypes: ConnectionTypeInput[] = [
  ...crmTypes,
  ...accountingTypes,
  ...fileTypes,
  ...communicationTypes,
  ...supportTypes,
  ...marketingTypes,
  ...hrTypes,
  ...ecommerceTypes,
  ...developerToolTypes,
  ...productivityTypes,
  ...dataTypes,
];
