/** RFC 9457 problem details, as every HTTP error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
