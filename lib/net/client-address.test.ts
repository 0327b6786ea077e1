import { describe, expect, it } from "vitest";
import { addressBucket, clientAddress, parseTrustedProxies } from "./client-address";

describe("clientAddress", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.5 fd00::/8");

  it("without trusted proxies takes the right-most hop, never a client-written left one", () => {
    expect(clientAddress("198.51.100.7", none)).toBe("198.51.100.7");
    // A client that sends its own header: Next (or the proxy) appends the real peer on the right.
    expect(clientAddress("1.2.3.4, 198.51.100.7", none)).toBe("198.51.100.7");
    expect(clientAddress("10.1.2.3, 198.51.100.7", none)).toBe("198.51.100.7");
  });

  it("skips only hops inside the trusted ranges, from the right", () => {
    expect(clientAddress("198.51.100.7, 10.0.0.2", proxies)).toBe("198.51.100.7");
    expect(clientAddress("6.6.6.6, 198.51.100.7, 192.168.1.5, 10.0.0.2", proxies)).toBe("198.51.100.7");
    // A forged hop left of an untrusted one is never reached.
    expect(clientAddress("10.9.9.9, 203.0.113.9, 10.0.0.2", proxies)).toBe("203.0.113.9");
    // 192.168.1.6 is not the one trusted address.
    expect(clientAddress("198.51.100.7, 192.168.1.6", proxies)).toBe("192.168.1.6");
  });

  it("reads IPv4-mapped IPv6, ports and brackets as the plain address", () => {
    expect(clientAddress("::ffff:198.51.100.7", none)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7, ::ffff:10.0.0.2", proxies)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7:51234", none)).toBe("198.51.100.7");
    expect(clientAddress("[2001:db8::1]:443", none)).toBe("2001:db8::1");
    expect(clientAddress("2001:db8::1, fd00::1", proxies)).toBe("2001:db8::1");
  });

  it("answers unknown for a missing header or a hop that is not an address", () => {
    expect(clientAddress(undefined, none)).toBe("unknown");
    expect(clientAddress("", none)).toBe("unknown");
    expect(clientAddress("198.51.100.7, not-an-ip", none)).toBe("unknown");
    expect(clientAddress("not-an-ip, 10.0.0.2", proxies)).toBe("unknown");
  });

  it("takes the left-most hop when every hop is a trusted proxy", () => {
    expect(clientAddress("10.0.0.9, 10.0.0.2", proxies)).toBe("10.0.0.9");
  });
});

describe("parseTrustedProxies", () => {
  it("refuses an entry that is not an address or range, naming it", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, nonsense")).toThrow('"nonsense" is not an IP address or CIDR range');
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow("10.0.0.0/33");
  });
});

describe("addressBucket", () => {
  it("counts IPv6 per /64 and IPv4 per address", () => {
    expect(addressBucket("2001:db8:1:2:aaaa::1")).toBe(addressBucket("2001:db8:1:2:bbbb::2"));
    expect(addressBucket("2001:db8:1:3::1")).not.toBe(addressBucket("2001:db8:1:2::1"));
    expect(addressBucket("198.51.100.7")).toBe("198.51.100.7");
    expect(addressBucket("unknown")).toBe("unknown");
  });
});
