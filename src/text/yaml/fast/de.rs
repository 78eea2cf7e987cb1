//! The fast reader's tree handed to serde (`super` builds it): a plain
//! scalar is typed by what is asked of it, only where YAML would read it one
//! way (`resolve`); anything else is [`Aside`], and the caller's general
//! parser reads the text instead.

use super::{Node, Plain, resolve};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Why the fast reader stepped aside; never shown: the general parser then
/// reads the text and says what is wrong, with its line and column.
#[derive(Debug)]
pub struct Aside;

impl fmt::Display for Aside {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the fast layout")
    }
}

impl std::error::Error for Aside {}

impl de::Error for Aside {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Aside
    }
}

impl<'de, 'a> de::Deserializer<'de> for &'a Node<'a> {
    type Error = Aside;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        match self {
            Node::Plain(t) => match resolve(t).ok_or(Aside)? {
                Plain::Null => v.visit_unit(),
                Plain::Bool(b) => v.visit_bool(b),
                Plain::Int(i) => v.visit_i64(i),
                Plain::Str(s) => v.visit_str(s),
            },
            Node::Quoted(s) => v.visit_str(s),
            Node::Seq(items) => v.visit_seq(Items(items.iter())),
            Node::Map(entries) => v.visit_map(Entries { entries: entries.iter(), value: None }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        match self {
            Node::Plain(t) if matches!(resolve(t), Some(Plain::Null)) => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        match self {
            Node::Plain(t) => match resolve(t).ok_or(Aside)? {
                Plain::Str(s) => v.visit_str(s),
                _ => Err(Aside),
            },
            Node::Quoted(s) => v.visit_str(s),
            _ => Err(Aside),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        self.deserialize_str(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        self.deserialize_str(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Aside> {
        match self {
            Node::Plain(_) | Node::Quoted(_) => {
                let name: String = de::Deserialize::deserialize(self)?;
                v.visit_enum(IntoDeserializer::<Aside>::into_deserializer(name))
            }
            _ => Err(Aside),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, Aside> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        v.visit_unit()
    }

    // Numbers and booleans asked for by type: only plain scalars that
    // resolve to them (a quoted "1" is a string, as YAML says).
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        match self {
            Node::Plain(t) => match resolve(t) {
                Some(Plain::Bool(b)) => v.visit_bool(b),
                _ => Err(Aside),
            },
            _ => Err(Aside),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        match self {
            Node::Plain(t) => match resolve(t) {
                Some(Plain::Int(i)) => v.visit_i64(i),
                _ => Err(Aside),
            },
            _ => Err(Aside),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        match self {
            Node::Plain(t) => match resolve(t) {
                Some(Plain::Int(i)) if i >= 0 => v.visit_u64(i as u64),
                _ => Err(Aside),
            },
            _ => Err(Aside),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        self.deserialize_i64(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        self.deserialize_i64(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        self.deserialize_i64(v)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        self.deserialize_u64(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        self.deserialize_u64(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        self.deserialize_u64(v)
    }

    // Everything else (floats, chars, bytes, unit, tuples…) is rare enough
    // in a session file to leave to the general parser.
    fn deserialize_f32<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Aside> {
        Err(Aside)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Aside> {
        Err(Aside)
    }
    fn deserialize_char<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Aside> {
        Err(Aside)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Aside> {
        Err(Aside)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Aside> {
        Err(Aside)
    }
    fn deserialize_unit<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Aside> {
        Err(Aside)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value, Aside> {
        Err(Aside)
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Aside> {
        Err(Aside)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, _: V) -> Result<V::Value, Aside> {
        Err(Aside)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        match self {
            Node::Seq(items) => v.visit_seq(Items(items.iter())),
            _ => Err(Aside),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Aside> {
        match self {
            Node::Map(entries) => v.visit_map(Entries { entries: entries.iter(), value: None }),
            _ => Err(Aside),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Aside> {
        self.deserialize_map(v)
    }
}

struct Items<'a>(std::slice::Iter<'a, Node<'a>>);

impl<'de, 'a> de::SeqAccess<'de> for Items<'a> {
    type Error = Aside;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Aside> {
        self.0.next().map(|n| seed.deserialize(n)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'a> {
    entries: std::slice::Iter<'a, (Cow<'a, str>, Node<'a>)>,
    value: Option<&'a Node<'a>>,
}

impl<'de, 'a> de::MapAccess<'de> for Entries<'a> {
    type Error = Aside;

    fn next_key_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Aside> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some(value);
        seed.deserialize(key.as_ref().into_deserializer()).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Aside> {
        seed.deserialize(self.value.take().ok_or(Aside)?)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
