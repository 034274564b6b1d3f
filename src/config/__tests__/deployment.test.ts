import fs from "node:fs";
import path from "node:path";

/**
 * The container files are written and kept consistent, not run, on machines without a Docker engine:
 * these checks keep them in step with the code they package.
 */
const ROOT = path.join(__dirname, "..", "..", "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("the production container and compose file", () => {
  const variables = [...read("src/config/config.ts").matchAll(/read\.\w+\("([A-Z0-9_]+)"/g)].map((match) => match[1]);

  it("reads the configuration through one reader (the list below is complete)", () => {
    expect(variables.length).toBeGreaterThan(20);
  });

  it.each([...new Set(variables)])("compose passes %s through to the hub", (variable) => {
    expect(read("docker/compose.yaml")).toMatch(new RegExp(`^\\s+${variable}: `, "m"));
  });

  it.each([...new Set(variables)])("the README's configuration table explains %s", (variable) => {
    expect(read("README.md")).toMatch(new RegExp(`^\\| [^|]*\`${variable}\``, "m"));
  });

  it("copies everything the build reads, and installs exactly the lockfile", () => {
    const dockerfile = read("docker/Dockerfile");
    const include = (JSON.parse(read("tsconfig.build.json")) as { include: string[] }).include;
    for (const source of [...include, "build", "tsconfig.json", "tsconfig.build.json", "package-lock.json"]) {
      expect(dockerfile).toMatch(new RegExp(`^COPY .*\\b${source.replace(".", "\\.")}\\b`, "m"));
    }
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^USER hub$/m);
    expect(dockerfile).toMatch(/^FROM node:24-/m);
  });
});
