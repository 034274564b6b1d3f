import { type DataSource } from "typeorm";
import { type PolicySet } from "../policy/PolicySet";

/** What the notification services work with: the database and the policy set in force. */
export interface NotificationServices {
  dataSource: DataSource;
  policy: PolicySet;
}
