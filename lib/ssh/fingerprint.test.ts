import { describe, expect, it } from "vitest";
import { fingerprintOf, hostKeyAlgorithmsFor, keyTypeOf, verifyCommandFor } from "./fingerprint";

// Public keys made with ssh-keygen; the expected fingerprints are what `ssh-keygen -lf` printed for them.
const KEYS = [
  {
    line: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKUvcQf/bfI9h6bk0h+Pp0NwQZPewuKcQjT7Q7Sc9fYk fixture",
    type: "ssh-ed25519",
    fingerprint: "SHA256:y5XDE3M/tIdLki0fcAL0REmbGnJ8kmbgjRGmv+TJUos",
  },
  {
    line: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCvA2+sqHi5ECiUwf1HKe1/P/0YD7301PdfdlzrPsyn6g2+8VQIAIzl6lkFEi4pP6LhbaOeEG4nVrTENd2PeaqU7bkO/tH0w/61XZ/9E9UR+UJAuFMOKonR1fgBjVnQSchQQDxG9GxnMp+x8YYgpyZdvEfPjMXIxX1QqJsHQsR2jw== rsa",
    type: "ssh-rsa",
    fingerprint: "SHA256:XqEGhoTKMThd7RFLpi7afjQOkGnOCGqKsja2ddGAoB8",
  },
  {
    line: "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOXUHgcpfPJiKSL+8dMr8XLkl5yspS2RSLAmRbr1NpB8BpS/ujezdW28evRCcE1aAoln0GBkzGdurerlLau4wFo= ec",
    type: "ecdsa-sha2-nistp256",
    fingerprint: "SHA256:PXZBH4CgUHcHLGQ27SfS4eE9t0EDnXiQpw8QNe2ztZg",
  },
];

const blobOf = (line: string) => Buffer.from(line.split(" ")[1] ?? "", "base64");

describe("fingerprintOf", () => {
  it.each(KEYS)("matches ssh-keygen -lf for $type", ({ line, fingerprint }) => {
    expect(fingerprintOf(blobOf(line))).toBe(fingerprint);
  });

  it("has no base64 padding", () => {
    expect(fingerprintOf(Buffer.from("x"))).not.toContain("=");
  });
});

describe("keyTypeOf", () => {
  it.each(KEYS)("reads $type from the blob", ({ line, type }) => {
    expect(keyTypeOf(blobOf(line))).toBe(type);
  });

  it("rejects blobs without a key type", () => {
    expect(() => keyTypeOf(Buffer.alloc(2))).toThrow(/too short/);
    expect(() => keyTypeOf(Buffer.from([0, 0, 0, 200, 1]))).toThrow(/no valid key type/);
  });
});

describe("hostKeyAlgorithmsFor / verifyCommandFor", () => {
  it("pins RSA to SHA-2 signatures and other types to themselves", () => {
    expect(hostKeyAlgorithmsFor("ssh-rsa")).toEqual(["rsa-sha2-512", "rsa-sha2-256"]);
    expect(hostKeyAlgorithmsFor("ssh-ed25519")).toEqual(["ssh-ed25519"]);
    expect(hostKeyAlgorithmsFor("sk-ssh-ed25519@openssh.com")).toBeNull();
  });

  it("names the host's key file to check", () => {
    expect(verifyCommandFor("ssh-ed25519")).toBe("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub");
    expect(verifyCommandFor("ecdsa-sha2-nistp256")).toBe("ssh-keygen -lf /etc/ssh/ssh_host_ecdsa_key.pub");
    expect(verifyCommandFor("ssh-rsa")).toBe("ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub");
    expect(verifyCommandFor("unknown")).toContain("for f in /etc/ssh/ssh_host_*_key.pub");
  });
});
