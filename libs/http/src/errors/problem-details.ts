import type { FieldError } from '@keel/kernel';

/** RFC 9457 problem document, plus Keel's `requestId` and, for validation, `errors`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://keel.dev/problems/';
