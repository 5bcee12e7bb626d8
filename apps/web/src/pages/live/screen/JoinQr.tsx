import { useMemo } from 'react';
import { create } from 'qrcode';

/**
 * The QR code of `url` as one SVG path (the `qrcode` library encodes, React draws), black on
 * white with the standard four-module quiet zone, so it scales to any size without blurring.
 */
export function JoinQr({ url, label }: { url: string; label: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = create(url, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    return { size: modules.size + 8, path: d };
  }, [url]);
  return (
    <svg className="join-qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
