/** The bytes are not a TIFF we can read (empty, another format, cut short, nonsense offsets). */
export class TiffUnreadable extends Error {}
