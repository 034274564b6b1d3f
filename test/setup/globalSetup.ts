import { createMigratedTemplate, TEMPLATE_VARIABLE } from "./migratedTemplate";

/** Runs once before the workers start; they inherit the template's name through the environment. */
export default async function globalSetup(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl === undefined || serverUrl === "") return;
  process.env[TEMPLATE_VARIABLE] = await createMigratedTemplate(serverUrl);
}
