"""Pictures made in the tests, as cameras and editors would send them."""

import io
import struct
import zlib

from PIL import Image as Pillow

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ROTATE_90_CLOCKWISE = 6  # the camera was held on its side: the stored pixels are wider than the photo
SECRET_XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>Home of the patient</rdf:Description></x:xmpmeta>'


def camera_jpeg(*, width=1600, height=1200, orientation=ROTATE_90_CLOCKWISE):
    """A JPEG as a phone writes it: EXIF with the camera, the GPS position and the orientation, and XMP."""
    picture = Pillow.new("RGB", (width, height), (180, 120, 60))
    picture.paste((30, 90, 200), (0, 0, width // 2, height // 4))  # a patch, so the renditions are not uniform
    exif = picture.getexif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 15"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (32.0, 42.0, 54.0), 3: "W", 4: (117.0, 9.0, 42.0)})
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif, xmp=SECRET_XMP, comment=b"Taken at the patient's home")
    return buffer.getvalue()


def png(*, width=800, height=500, transparent=False):
    picture = Pillow.new("RGBA" if transparent else "RGB", (width, height), (10, 120, 90, 128 if transparent else 255))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(*, width, height):
    """A PNG that claims `width` × `height` pixels in its header and holds a few bytes: a decompression bomb's shape."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit, greyscale
    pixels = chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + pixels + chunk(b"IEND", b"")


def metadata_of(content):
    """What a stored file says besides its pixels: EXIF tags, GPS tags, XMP, comments and other info keys."""
    with Pillow.open(io.BytesIO(content)) as picture:
        exif = picture.getexif()
        return {
            "exif": dict(exif),
            "gps": dict(exif.get_ifd(GPS_IFD)),
            "xmp": picture.info.get("xmp") or picture.info.get("XML:com.adobe.xmp"),
            "comment": picture.info.get("comment"),
            "format": picture.format,
            "size": picture.size,
        }
