"""The embedded default broker: kombu's filesystem transport, with messages that appear whole.

kombu writes a message by creating its file and then writing into it, while a consumer takes any file it lists
at once. A consumer that lists the file between the two reads it empty, fails to decode it and stops the
worker ("Unrecoverable error: JSONDecodeError"), which under `make run` stops the site too. Writing the message
under a name no consumer looks for and renaming it into place (atomic on one file system) closes that gap.
"""

import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs) -> None:
        # The name kombu gives it, so consumers still take messages in the order they were sent.
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = final + ".part"  # consumers take only names ending in "<queue>.msg"
        try:
            with open(partial, "wb") as f:
                f.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
