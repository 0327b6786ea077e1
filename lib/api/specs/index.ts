import type { AnyRouteSpec } from "../spec";
import { auditSpecs } from "./audit";
import { connectionTypeSpecs } from "./connection-types";
import { credentialSpecs } from "./credentials";
import { customerSpecs } from "./customers";
import { instanceSpecs } from "./instances";
import { integrationSpecs } from "./integrations";
import { metaSpecs } from "./meta";
import { organizationSpecs } from "./organization";
import { proxySpecs } from "./proxy";
import { runtimeSpecs } from "./runtime";
import { webhookSpecs } from "./webhooks";

/** Every API v1 operation, in the document's order; each route handler is built from one of these. */
export const apiV1Specs: readonly AnyRouteSpec[] = [
  organizationSpecs,
  customerSpecs,
  credentialSpecs,
  connectionTypeSpecs,
  integrationSpecs,
  instanceSpecs,
  runtimeSpecs,
  webhookSpecs,
  auditSpecs,
  proxySpecs,
  metaSpecs,
].flatMap((group): AnyRouteSpec[] => Object.values(group));
