import { ErrorCode, HubError } from "../../errors/HubError";
import { type ArgumentRule } from "./ArgumentRules";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** An `ID` argument that names a row: the hub's ids are uuids, and anything else is refused at the edge. */
export const uuid: ArgumentRule = (value, path) => {
  if (!isUuid(value)) throw new HubError(ErrorCode.INVALID_INPUT, `\`${path}\` is not a valid id.`, { path });
};
