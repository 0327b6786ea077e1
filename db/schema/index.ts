export * from "./organizations";
export * from "./customers";
export * from "./users";
export * from "./tenant-keys";
export * from "./api-keys";
export * from "./sign-in-failures";
export * from "./credentials";
