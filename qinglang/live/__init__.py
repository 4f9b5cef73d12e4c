"""Livestream rooms in real time (issue 20): per-room sliding windows over the engine's decisions."""

from .messages import ROOM_ACTIONS, Message, RoomMeta, Thresholds
from .room import Room, RoomManager

__all__ = ["ROOM_ACTIONS", "Message", "Room", "RoomManager", "RoomMeta", "Thresholds"]
