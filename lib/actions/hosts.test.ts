import { beforeEach, describe, expect, it, vi } from "vitest";
import { SshError } from "@/lib/ssh/errors";

// The host actions' contract with the browser: roles, validation before anything runs,
// reports as the form's message. The onboarding logic itself is tested against a real sshd
// in lib/hosts/onboarding.int.test.ts.
const current = vi.hoisted(() => ({ user: null as null | { id: string; username: string; role: string } }));
const onboarding = vi.hoisted(() => ({
  addHost: vi.fn(),
  enqueueHostFacts: vi.fn(),
  bootstrapWithPassword: vi.fn(),
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => current.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/db", () => ({ db: {} }));
vi.mock("@/lib/hosts/onboarding", () => ({
  addHost: onboarding.addHost,
  enqueueHostFacts: onboarding.enqueueHostFacts,
  bootstrapWithPassword: onboarding.bootstrapWithPassword,
  attachPanelKey: vi.fn(),
  fetchReplacementKey: vi.fn(),
  repinHostKey: vi.fn(),
  setHostPrivateKey: vi.fn(),
  trustHostKey: vi.fn(),
}));

const { addHost, installPanelKeyWithPassword, refreshHostFacts } = await import("./hosts");

beforeEach(() => {
  vi.clearAllMocks();
  current.user = { id: "u-admin", username: "ada", role: "admin" };
});

describe("host actions", () => {
  it("let an operator refresh facts but not add hosts", async () => {
    current.user = { id: "u-op", username: "otto", role: "operator" };
    onboarding.enqueueHostFacts.mockResolvedValue("job-1");
    expect(await refreshHostFacts({ hostId: "h1" })).toEqual({ data: { jobId: "job-1" } });
    expect(onboarding.enqueueHostFacts).toHaveBeenCalledWith({}, "u-op", "h1");
    expect((await addHost({ name: "pve1", address: "10.0.0.5" })).serverError).toBe("this needs the admin role");
    expect(onboarding.addHost).not.toHaveBeenCalled();
  });

  it("refuse a viewer's facts refresh", async () => {
    current.user = { id: "u-v", username: "vera", role: "viewer" };
    expect((await refreshHostFacts({ hostId: "h1" })).serverError).toBe("this needs the operator role");
  });

  it("validate the address before contacting anything", async () => {
    const r = await addHost({ name: "pve1", address: "10.0.0.5; reboot" });
    expect(r.validationErrors).toMatchObject({ address: { _errors: [expect.stringContaining("not an address")] } });
    expect(onboarding.addHost).not.toHaveBeenCalled();
  });

  it("pass parsed input with defaults and return the new host", async () => {
    onboarding.addHost.mockResolvedValue({ hostId: "h9" });
    expect(await addHost({ name: "pve1", address: "10.0.0.5", clusterId: "" })).toEqual({ data: { hostId: "h9" } });
    expect(onboarding.addHost).toHaveBeenCalledWith({}, "u-admin", { name: "pve1", address: "10.0.0.5", sshPort: 22, sshUser: "root", clusterId: null });
  });

  it("show an SSH report as the form's message", async () => {
    onboarding.addHost.mockRejectedValue(new SshError("SSH_UNREACHABLE", "Cannot reach 10.0.0.5:22: connect ECONNREFUSED.", {}));
    expect((await addHost({ name: "pve1", address: "10.0.0.5" })).serverError).toBe("Cannot reach 10.0.0.5:22: connect ECONNREFUSED.");
  });

  it("show a refused password without the password", async () => {
    onboarding.bootstrapWithPassword.mockRejectedValue(new SshError("SSH_AUTH_FAILED", "root@10.0.0.5:22 refused the password for root.", {}));
    const r = await installPanelKeyWithPassword({ hostId: "h1", password: "hunter2-secret" });
    expect(r.serverError).toBe("root@10.0.0.5:22 refused the password for root.");
    expect(JSON.stringify(r)).not.toContain("hunter2-secret");
  });
});
