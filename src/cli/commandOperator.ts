import os from "node:os";

/**
 * Who ran a command, as the hub records it: the operating-system account the process runs as
 * (`command:<user>`), which the machine vouches for, never a name the operator types — a typed name
 * on a directory version or a verification run would be a claim nobody checked.
 */
export function commandOperator(): string {
  return `command:${os.userInfo().username}`;
}
