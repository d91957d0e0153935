import type { z } from 'zod';

/**
 * One kind of operator document, as the registry describes it to operators, to `config:check` and to
 * `admin.configReport`: where it lives, its schema, what each field means (in Chinese), a valid example and
 * the mistakes operators make with it.
 *
 * Field meanings are a map from a field path to Chinese text rather than zod `.describe()` calls, so the
 * schemas stay as the features wrote them and the operator guide is kept in one place per document. Paths
 * name object properties with dots and array items with `[]` (`tiers[].benefits[].title`); the branches of a
 * union share their parent's path. A test checks that every field of the schema has a meaning and every
 * meaning names a field.
 */
export interface OperatorDocumentSpec<S extends z.ZodType = z.ZodType> {
  /** Also the file name under docs/operator-schemas/ and the heading in docs/operators.md. */
  key: string;
  title: string;
  collection: string;
  /** `single`: exactly this document id. `many`: one document per id (a code the operator chooses). */
  id: { kind: 'single'; id: string } | { kind: 'many'; pattern: RegExp; meaning: string };
  schema: S;
  /** One paragraph for operators: what the document does, in Chinese. */
  summary: string;
  fields: Record<string, string>;
  /** A complete valid document as an operator would enter it, `_id` included. */
  example: { _id: string } & Record<string, unknown>;
  /** Mistakes seen in practice and how to avoid them, in Chinese. */
  mistakes: string[];
  /**
   * Documents of the collection that the product writes itself (members' topic proposals and their review):
   * checked like the others, but not the operator's, so never logged as console edits.
   */
  writtenByProduct?: (body: Record<string, unknown>) => boolean;
}

export const defineDocument = <S extends z.ZodType>(spec: OperatorDocumentSpec<S>): OperatorDocumentSpec => spec;

/** `app_config/tiers` or `coupon_templates/{id}`: how operators and reports name a document. */
export const documentAddress = (collection: string, id: string): string => `${collection}/${id}`;
