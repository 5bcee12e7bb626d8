/** The JWT secret the test apps and servers sign with, so a test can forge or check a token. */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
