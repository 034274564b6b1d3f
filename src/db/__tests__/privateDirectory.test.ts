import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensurePrivateDirectory, PrivateDirectoryError } from "../privateDirectory";

describe("the hub's data directory is its owner's alone", () => {
  let scratch: string;
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "hub-private-"));
  });
  afterEach(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("creates a missing directory, and its missing parents, mode 0700", () => {
    const dir = path.join(scratch, "parent", ".hub");
    ensurePrivateDirectory(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.dirname(dir)).mode & 0o777).toBe(0o700);
  });

  it("narrows an existing directory that others could enter", () => {
    const dir = path.join(scratch, ".hub");
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    ensurePrivateDirectory(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("refuses a directory that is not a directory", () => {
    const file = path.join(scratch, "file");
    fs.writeFileSync(file, "");
    expect(() => ensurePrivateDirectory(file)).toThrow(PrivateDirectoryError);
  });

  it("refuses another user's directory, reached directly or through a symbolic link", () => {
    const theirs = path.join(scratch, "theirs");
    fs.mkdirSync(theirs, { mode: 0o700 });
    if (process.getuid!() === 0) {
      fs.chownSync(theirs, 65534, 65534);
    } else {
      // Not root, the test cannot give a directory away: its own stands in, with the check's uid moved instead.
      jest.spyOn(process, "getuid").mockReturnValue(process.getuid!() + 1);
    }
    const link = path.join(scratch, "link");
    fs.symlinkSync(theirs, link);
    expect(() => ensurePrivateDirectory(theirs)).toThrow(/belongs to another user/);
    expect(() => ensurePrivateDirectory(link)).toThrow(/belongs to another user/);
    jest.restoreAllMocks();
  });
});
