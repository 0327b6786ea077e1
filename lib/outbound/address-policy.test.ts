import { describe, expect, it } from "vitest";
import { isNonPublicAddress, unmapAddress } from "./address-policy";

describe("outbound address policy", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:169.254.169.254",
    "[::1]",
    "not-an-ip",
  ])("refuses %s", (address) => expect(isNonPublicAddress(address)).toBe(true));
  it.each([
    ["IPv4-compatible IPv6 of a private address", "::10.0.0.1"],
    ["IPv4-compatible IPv6 of a public address", "::8.8.8.8"],
    ["IPv4-compatible IPv6 in hex", "::a00:1"],
    ["SIIT (::ffff:0:a.b.c.d)", "::ffff:0:10.0.0.1"],
    ["SIIT of a public address", "::ffff:0:8.8.8.8"],
    ["NAT64 well-known prefix", "64:ff9b::10.0.0.1"],
    ["NAT64 local-use prefix (64:ff9b:1::/48)", "64:ff9b:1::a00:1"],
    ["6to4 (2002::/16)", "2002:a00:1::1"],
    ["Teredo (2001::/32)", "2001:0:4136:e378:8000:63bf:3fff:fdd2"],
    ["site-local (fec0::/10)", "fec0::1"],
    ["documentation IPv6", "2001:db8::1"],
    ["discard-only IPv6", "100::1"],
    ["multicast IPv6", "ff02::1"],
    ["documentation IPv4", "192.0.2.1"],
    ["benchmarking IPv4", "198.18.0.1"],
    ["multicast IPv4", "224.0.0.1"],
    ["broadcast", "255.255.255.255"],
    ["an IPv6 zone index", "fe80::1%eth0"],
  ])("refuses %s (%s)", (_name, address) => expect(isNonPublicAddress(address)).toBe(true));
  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "172.32.0.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "[2a00:1450:4001::200e]",
  ])("allows %s", (address) => expect(isNonPublicAddress(address)).toBe(false));
  it("unmaps IPv4-mapped IPv6 addresses", () => {
    expect(unmapAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(unmapAddress("::ffff:0a00:0001")).toBe("10.0.0.1");
    expect(unmapAddress("2001:4860::1")).toBe("2001:4860::1");
    // IPv4-compatible is not mapped: it stays an IPv6 address (and is refused above).
    expect(unmapAddress("::10.0.0.1")).toBe("::10.0.0.1");
  });
});
