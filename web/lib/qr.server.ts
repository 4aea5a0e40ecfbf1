import { renderSVG } from 'uqr';

/** A QR code of a patient's link, as SVG markup for the printable handout. */
export function qrCodeSvg(link: string): string {
  return renderSVG(link, { ecc: 'M', border: 2 });
}
