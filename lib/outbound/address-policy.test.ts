import { describe, expect, it } from "vitest";
import { isNonPublicAddress, unmapAddress } from "./address-policy";

describe("outbound address policy", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:169.254.169.254", "[::1]", "not-an-ip"])(
    "refuses %s",
    (address) => expect(isNonPublicAddress(address)).toBe(true),
  );
  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) => expect(isNonPublicAddress(address)).toBe(false));
  it("unmaps IPv4-mapped IPv6 addresses", () => {
    expect(unmapAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(unmapAddress("::ffff:0a00:0001")).toBe("10.0.0.1");
    expect(unmapAddress("2001:4860::1")).toBe("2001:4860::1");
  });
});
