import { describe, expect, it } from "vitest";
import { shScript } from "./argv";
import { FakeRunner } from "./fake-runner";
import { FILE_SCRIPTS as S, readFileIfExists, TEMP_PATH, writeFileAtomic } from "./write-file";

const PATH = "/etc/corosync/corosync.conf";
const TMP = "/etc/corosync/.corosync.conf.panel-Ab12Cd";

describe("readFileIfExists", () => {
  it("returns the content, or null when the file does not exist", async () => {
    const fake = new FakeRunner([
      { argv: shScript(S.read, [PATH]), result: { stdout: "totem {}\n" } },
      { argv: shScript(S.read, [PATH]), result: { code: 3 } },
    ]);
    expect(await readFileIfExists(fake, PATH)).toBe("totem {}\n");
    expect(await readFileIfExists(fake, PATH)).toBeNull();
    fake.assertDone();
  });

  it("reports other failures with the tool's message", async () => {
    const fake = new FakeRunner([{ argv: shScript(S.read, [PATH]), result: { code: 1, stderr: "cat: x: Permission denied\n" } }]);
    await expect(readFileIfExists(fake, PATH)).rejects.toMatchObject({
      report: { code: "FILE_READ_FAILED", message: `cannot read ${PATH}: cat: x: Permission denied` },
    });
  });

  it("refuses relative paths and paths with line breaks before running anything", async () => {
    const fake = new FakeRunner([]);
    await expect(readFileIfExists(fake, "etc/hosts")).rejects.toMatchObject({ report: { code: "FILE_PATH_INVALID" } });
    await expect(readFileIfExists(fake, "/etc/a\nb")).rejects.toMatchObject({ report: { code: "FILE_PATH_INVALID" } });
    fake.assertDone();
  });
});

describe("writeFileAtomic", () => {
  it("does not write when the content is unchanged", async () => {
    const fake = new FakeRunner([{ argv: shScript(S.read, [PATH]), result: { stdout: "same\n" } }]);
    expect(await writeFileAtomic(fake, { path: PATH, content: "same\n" })).toEqual({ changed: false, previous: "same\n" });
    fake.assertDone();
  });

  it("writes the content over stdin to a temp file, validates it, then moves it into place", async () => {
    const content = "totem { cluster_name: $(id) 'x' }\n";
    const fake = new FakeRunner([
      { argv: shScript(S.read, [PATH]), result: { stdout: "old\n" } },
      { argv: shScript(S.writeTemp, [PATH, "0644"]), stdin: content, result: { stdout: TMP } },
      { argv: ["corosync-cfgtool", "-c", TMP, `--file=${TMP}`] },
      { argv: shScript(S.move, [TMP, PATH]) },
    ]);
    const result = await writeFileAtomic(fake, {
      path: PATH,
      content,
      mode: "0644",
      validate: ["corosync-cfgtool", "-c", TEMP_PATH, `--file=${TEMP_PATH}`],
    });
    expect(result).toEqual({ changed: true, previous: "old\n" });
    fake.assertDone();
  });

  it("creates a missing file, leaving the mode choice to the script", async () => {
    const fake = new FakeRunner([
      { argv: shScript(S.read, [PATH]), result: { code: 3 } },
      { argv: shScript(S.writeTemp, [PATH, ""]), stdin: "new\n", result: { stdout: TMP } },
      { argv: shScript(S.move, [TMP, PATH]) },
    ]);
    expect(await writeFileAtomic(fake, { path: PATH, content: "new\n" })).toEqual({ changed: true, previous: null });
    fake.assertDone();
  });

  it("removes the temp file and reports the validator's output when validation fails", async () => {
    const fake = new FakeRunner([
      { argv: shScript(S.read, [PATH]), result: { stdout: "old\n" } },
      { argv: shScript(S.writeTemp, [PATH, ""]), stdin: "bad", result: { stdout: TMP } },
      { argv: ["drbdadm", "-c", TMP, "dump"], result: { code: 10, stderr: "drbd.res:3: parse error\n" } },
      { argv: shScript(S.remove, [TMP]) },
    ]);
    await expect(writeFileAtomic(fake, { path: PATH, content: "bad", validate: ["drbdadm", "-c", TEMP_PATH, "dump"] })).rejects.toMatchObject({
      report: { code: "FILE_VALIDATION_FAILED", params: { code: 10, output: "drbd.res:3: parse error" } },
    });
    fake.assertDone();
  });

  it("removes the temp file when the move fails", async () => {
    const fake = new FakeRunner([
      { argv: shScript(S.read, [PATH]), result: { stdout: "old\n" } },
      { argv: shScript(S.writeTemp, [PATH, ""]), stdin: "new", result: { stdout: TMP } },
      { argv: shScript(S.move, [TMP, PATH]), result: { code: 1, stderr: "mv: cannot move: Read-only file system" } },
      { argv: shScript(S.remove, [TMP]) },
    ]);
    await expect(writeFileAtomic(fake, { path: PATH, content: "new" })).rejects.toMatchObject({ report: { code: "COMMAND_FAILED" } });
    fake.assertDone();
  });

  it("reports a temp file that cannot be written", async () => {
    const fake = new FakeRunner([
      { argv: shScript(S.read, [PATH]), result: { code: 3 } },
      { argv: shScript(S.writeTemp, [PATH, ""]), stdin: "new", result: { code: 1, stderr: "mktemp: No such file or directory\n" } },
    ]);
    await expect(writeFileAtomic(fake, { path: PATH, content: "new" })).rejects.toMatchObject({ report: { code: "FILE_WRITE_FAILED" } });
    fake.assertDone();
  });

  it("only fixes the mode when the content is already right", async () => {
    const fake = new FakeRunner([
      { argv: shScript(S.read, [PATH]), result: { stdout: "same" } },
      { argv: shScript(S.mode, [PATH]), result: { stdout: "600\n" } },
      { argv: shScript(S.chmod, ["0644", PATH]) },
    ]);
    expect(await writeFileAtomic(fake, { path: PATH, content: "same", mode: "0644" })).toEqual({ changed: true, previous: "same" });
    fake.assertDone();
  });

  it("leaves a file with the right content and mode alone", async () => {
    const fake = new FakeRunner([
      { argv: shScript(S.read, [PATH]), result: { stdout: "same" } },
      { argv: shScript(S.mode, [PATH]), result: { stdout: "644\n" } },
    ]);
    expect(await writeFileAtomic(fake, { path: PATH, content: "same", mode: "0644" })).toEqual({ changed: false, previous: "same" });
    fake.assertDone();
  });

  it("rejects a bad mode, a relative path and a validate argv without the temp path", async () => {
    const fake = new FakeRunner([]);
    await expect(writeFileAtomic(fake, { path: PATH, content: "", mode: "u+x" })).rejects.toMatchObject({ report: { code: "FILE_MODE_INVALID" } });
    await expect(writeFileAtomic(fake, { path: "x", content: "" })).rejects.toMatchObject({ report: { code: "FILE_PATH_INVALID" } });
    await expect(writeFileAtomic(fake, { path: PATH, content: "", validate: ["drbdadm", "dump"] })).rejects.toMatchObject({
      report: { code: "FILE_VALIDATE_INVALID" },
    });
    fake.assertDone();
  });
});
