/** What a page says for each HTTP status a route can fail with. */
export function statusMessage(status: number): { title: string; detail: string } {
  switch (status) {
    case 400:
      return {
        title: 'This address is not valid',
        detail: 'Check the address, or go back to the start.',
      };
    case 403:
      return { title: 'Not allowed', detail: 'Your account cannot open this page.' };
    case 404:
      return {
        title: 'Page not found',
        detail: 'We could not find this page. Check the address, or go back to the start.',
      };
    case 410:
      return { title: 'No longer available', detail: 'This link has expired or was withdrawn.' };
    case 503:
      return {
        title: 'Please try again in a moment',
        detail:
          'The service did not answer in time. Your work is safe. Wait a moment, then reload this page.',
      };
    default:
      return {
        title: 'Something went wrong',
        detail: 'This page could not be shown. Please try again.',
      };
  }
}
