"""Livestream rooms in real time (issue 20): per-room sliding windows over the engine's decisions."""

from .room import ROOM_ACTIONS, Message, Room, RoomManager, RoomMeta, Thresholds

__all__ = ["ROOM_ACTIONS", "Message", "Room", "RoomManager", "RoomMeta", "Thresholds"]
