import { Field, InputType } from "type-graphql";
import { ArrayMaxSize, MaxLength } from "class-validator";
import { SENSITIVITY_LABELS, SensitivityLabel } from "../../records/SensitivityLabel";
import { type FieldLabelSubmission } from "../../records/AgencyRecordSubmission";

@InputType({ description: "Extra labels on one field of the record's details (the field's default labels always apply)." })
export class FieldLabelInput implements FieldLabelSubmission {
  @Field(() => String, { description: "A field of the details block, e.g. `summary`." })
  @MaxLength(64)
  field: string;

  @Field(() => [SensitivityLabel])
  @ArrayMaxSize(SENSITIVITY_LABELS.length)
  labels: SensitivityLabel[];
}
