/** What a test's service configs sign and verify internal calls with (never a deployment's secret). */
export const TEST_SERVICE_TOKEN_SECRET = 'tests-only-service-token-secret-0123456789';
