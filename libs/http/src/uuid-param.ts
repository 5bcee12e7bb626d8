import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationError } from '@balai/errors';

/** A route parameter that must be a UUID: anything else is a 400 naming the parameter, never a 500. */
export function UuidParam(name = 'id'): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationError([{ field: name, message: `${name} must be a UUID` }]),
    }),
  );
}
