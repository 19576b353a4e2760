/**
 * Parser options for linting source text that is not the file on disk (the tests lint many snippets
 * as one fixture file). With `CI=true` in the environment typescript-estree infers a single CLI run
 * and builds its program from the files on disk, so a snippet would be linted against the fixture's
 * own text and its types would be missing; a watch program takes the text given.
 */
export const SOURCE_NOT_ON_DISK = { disallowAutomaticSingleRunInference: true } as const;
