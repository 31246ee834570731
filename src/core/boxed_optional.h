// An optional value kept on the heap: the size of a pointer when empty. For structs held by the
// million (a journal's entries), whose optional fields would otherwise each reserve a Location's
// room inline, present or not. Reads like std::optional.
#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace miglint {

template <typename T>
class BoxedOptional {
 public:
  BoxedOptional() = default;
  BoxedOptional(std::nullopt_t) {}
  BoxedOptional(T value) : box_(std::make_unique<T>(std::move(value))) {}
  BoxedOptional(const BoxedOptional& other) : box_(other.box_ ? std::make_unique<T>(*other.box_) : nullptr) {}
  BoxedOptional(BoxedOptional&&) noexcept = default;
  BoxedOptional& operator=(const BoxedOptional& other) {
    if (this != &other) box_ = other.box_ ? std::make_unique<T>(*other.box_) : nullptr;
    return *this;
  }
  BoxedOptional& operator=(BoxedOptional&&) noexcept = default;
  BoxedOptional& operator=(std::nullopt_t) {
    box_.reset();
    return *this;
  }

  template <typename... Args>
  T& emplace(Args&&... args) {
    box_ = std::make_unique<T>(T{std::forward<Args>(args)...});
    return *box_;
  }
  void reset() { box_.reset(); }

  bool has_value() const { return box_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return *box_; }
  const T& operator*() const { return *box_; }
  T* operator->() { return box_.get(); }
  const T* operator->() const { return box_.get(); }

 private:
  std::unique_ptr<T> box_;
};

}  // namespace miglint
